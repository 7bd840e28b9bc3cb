namespace FamilyAid.Functions.Tests.Bindings;

[Collection(AppCollection.Name)]
public sealed class SubmitAndCancelTests(FamilyAidApp app)
{
    private async Task<(Person Authorizer, string Id)> Open(string region = "guangdong", bool commitmentConfirmed = false, DateOnly? memberBorn = null)
    {
        var authorizer = await Api.Insured(app, region: region);
        var member = await Api.Insured(app, region: region, insuranceType: "resident", birthDate: memberBorn);
        return (authorizer, await Api.CreateBinding(app, authorizer, member, region: region, commitmentConfirmed: commitmentConfirmed));
    }

    private Task<HttpResponseMessage> Submit(Person authorizer, string id) => app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);

    private Task<HttpResponseMessage> Cancel(Person authorizer, string id) => app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/cancel", null);

    [Fact]
    public async Task Submitting_with_documents_missing_lists_the_missing_ones()
    {
        // Given a guangdong request with two of its seven documents
        var (authorizer, id) = await Open();
        var client = app.As(authorizer.Id);
        await Api.Expect(await Api.Upload(client, id, "authorizer-id-front", Api.Jpeg()), HttpStatusCode.Created);
        await Api.Expect(await Api.Upload(client, id, "hukou-home", Api.Jpeg()), HttpStatusCode.Created);

        // When the authorizer submits
        var response = await Submit(authorizer, id);

        // Then it is refused naming the other five, in policy order, and the request still awaits documents
        var problem = await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "missing-documents");
        Assert.Equal(
            ["authorizer-id-back", "member-id-front", "member-id-back", "hukou-member", "commitment-letter"],
            Send.Strings(problem["missing"]));
        var view = await Send.View(client, id);
        Assert.Equal("awaiting-documents", view["status"]!.GetValue<string>());
        Assert.DoesNotContain("submitted", view["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Submitting_with_no_documents_lists_all_seven()
    {
        var (authorizer, id) = await Open();

        var problem = await Api.ExpectProblem(await Submit(authorizer, id), HttpStatusCode.UnprocessableEntity, "missing-documents");

        Assert.Equal(Api.AllDocuments, Send.Strings(problem["missing"]));
    }

    [Fact]
    public async Task Submitting_twice_is_a_conflict()
    {
        // Given a guangdong request submitted with every document
        var (authorizer, id) = await Open();
        await Api.UploadAll(app, authorizer, id);
        var first = await Submit(authorizer, id);
        await Api.Expect(first, HttpStatusCode.Accepted);
        Assert.Equal("in-review", await Send.Status(first));

        // When it is submitted again
        var second = await Submit(authorizer, id);

        // Then it is refused, and it was submitted once
        await Api.ExpectProblem(second, HttpStatusCode.Conflict, "already-submitted");
        var view = await Send.View(app.As(authorizer.Id), id);
        Assert.Single(view["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "submitted");
    }

    [Fact]
    public async Task Cancelling_finishes_the_request_and_a_second_cancel_is_a_conflict()
    {
        // Given an open request
        var (authorizer, id) = await Open();

        // When the authorizer cancels it twice
        var first = await Cancel(authorizer, id);
        var second = await Cancel(authorizer, id);

        // Then it is cancelled once, and the second answer says it is final
        await Api.Expect(first, HttpStatusCode.OK);
        Assert.Equal("cancelled", await Send.Status(first));
        await Api.ExpectProblem(second, HttpStatusCode.Conflict, "already-final");
        var view = await Send.View(app.As(authorizer.Id), id);
        Assert.Equal("cancelled", view["status"]!.GetValue<string>());
        Assert.Equal(["requested", "cancelled"], view["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
        Assert.Null(view["dueAt"]);
    }

    [Fact]
    public async Task A_cancelled_request_cannot_be_submitted()
    {
        // Given a gansu request that could be submitted as it is (commitment confirmed, no uploads), cancelled
        var (authorizer, id) = await Open(region: "gansu", commitmentConfirmed: true);
        await Api.Expect(await Cancel(authorizer, id), HttpStatusCode.OK);

        // When the authorizer submits it
        var response = await Submit(authorizer, id);

        // Then it is final
        await Api.ExpectProblem(response, HttpStatusCode.Conflict, "already-final");
        Assert.Equal("cancelled", (await Send.View(app.As(authorizer.Id), id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_submitted_request_may_still_be_cancelled()
    {
        // Given a gansu request for an adult, submitted and waiting for the face check
        var (authorizer, id) = await Open(region: "gansu", commitmentConfirmed: true);
        await Api.Expect(await Submit(authorizer, id), HttpStatusCode.Accepted);

        // When the authorizer cancels it
        var response = await Cancel(authorizer, id);

        // Then it is cancelled
        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal("cancelled", await Send.Status(response));
    }

    [Fact]
    public async Task An_approved_request_cannot_be_cancelled()
    {
        // Given a gansu request for a child, approved by the reviewer on the 户口本 pages
        var (authorizer, id) = await Open(region: "gansu", commitmentConfirmed: true, memberBorn: new DateOnly(2015, 2, 2));
        await Api.UploadEach(app, authorizer, id, Api.HukouPages);
        await Api.Expect(await Submit(authorizer, id), HttpStatusCode.Accepted);
        await Api.Expect(
            await app.Reviewer("gansu").PostAsJsonAsync($"/api/review/bindings/{id}/decision", new { decision = "approve" }), HttpStatusCode.OK);

        // When the authorizer cancels it
        var response = await Cancel(authorizer, id);

        // Then it is final
        await Api.ExpectProblem(response, HttpStatusCode.Conflict, "already-final");
        Assert.Equal("approved", (await Send.View(app.As(authorizer.Id), id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_gansu_request_without_the_in_app_commitment_cannot_be_submitted()
    {
        // Given a gansu request for an adult (no uploads: the face check proves the relation) whose commitment was not confirmed
        var (authorizer, id) = await Open(region: "gansu", commitmentConfirmed: false);

        // When the authorizer submits
        var response = await Submit(authorizer, id);

        // Then the commitment is what is missing (gansu takes no uploads), and nothing was approved
        var problem = await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "missing-documents");
        Assert.Empty(problem["missing"]!.AsArray());
        Assert.False(problem["commitmentConfirmed"]!.GetValue<bool>());
        Assert.Equal("awaiting-documents", (await Send.View(app.As(authorizer.Id), id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_gansu_request_for_an_adult_goes_to_the_face_check_without_review()
    {
        var (authorizer, id) = await Open(region: "gansu", commitmentConfirmed: true);

        var response = await Submit(authorizer, id);

        await Api.Expect(response, HttpStatusCode.Accepted);
        Assert.Equal("awaiting-face-check", await Send.Status(response));
    }
}
