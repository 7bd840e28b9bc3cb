namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>Object-level authorization (OWASP API1) on every binding endpoint: 404 for those who may not know
/// a request exists, 403 for those who know it but may not act.</summary>
[Collection(AppCollection.Name)]
public sealed class BindingAccessTests(FamilyAidApp app)
{
    private sealed record Scene(Person Authorizer, Person Member, string Id);

    // Every test here is refused and must leave the request as it was, so they share one (each checks it is untouched).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<FamilyAidApp, Lazy<Task<Scene>>> Scenes = new();

    private Task<Scene> AGuangdongRequest() =>
        Scenes.GetOrAdd(app, a => new Lazy<Task<Scene>>(async () =>
        {
            var authorizer = await Api.Insured(a);
            var member = await Api.Insured(a, insuranceType: "resident");
            return new Scene(authorizer, member, await Api.CreateBinding(a, authorizer, member));
        })).Value;

    private static async Task<HttpResponseMessage> Do(HttpClient client, string action, string id) => action switch
    {
        "get" => await client.GetAsync($"/api/bindings/{id}"),
        "submit" => await client.PostAsync($"/api/bindings/{id}/submit", null),
        "cancel" => await client.PostAsync($"/api/bindings/{id}/cancel", null),
        "upload" => await Api.Upload(client, id, "member-id-front", Api.Jpeg()),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>The request is as it was created: awaiting documents, nothing uploaded, only "requested" on its timeline.</summary>
    private async Task ExpectUntouched(Scene scene)
    {
        var view = await Send.View(app.As(scene.Authorizer.Id), scene.Id);
        Assert.Equal("awaiting-documents", view["status"]!.GetValue<string>());
        Assert.All(view["documents"]!.AsArray(), d => Assert.False(d!["uploaded"]!.GetValue<bool>()));
        Assert.Equal(["requested"], view["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("get")]
    [InlineData("submit")]
    [InlineData("cancel")]
    [InlineData("upload")]
    public async Task Another_applicant_is_told_the_request_does_not_exist(string action)
    {
        // Given a request, and another insured applicant who is not part of it
        var scene = await AGuangdongRequest();
        var stranger = await Api.Insured(app);

        // When the stranger reads or acts on it by id
        var response = await Do(app.As(stranger.Id), action, scene.Id);

        // Then it does not exist for them, and nothing changed
        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
        await ExpectUntouched(scene);
    }

    [Fact]
    public async Task The_member_may_read_the_request()
    {
        var scene = await AGuangdongRequest();

        var response = await app.As(scene.Member.Id).GetAsync($"/api/bindings/{scene.Id}");

        await Api.Expect(response, HttpStatusCode.OK);
        var view = await Api.Json(response);
        Assert.Equal(scene.Id, view["id"]!.GetValue<string>());
        Assert.Equal(scene.Member.Name, view["member"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("cancel")]
    [InlineData("upload")]
    public async Task The_member_may_not_act_for_the_authorizer(string action)
    {
        // Given an open request
        var scene = await AGuangdongRequest();

        // When the member submits, cancels or uploads
        var response = await Do(app.As(scene.Member.Id), action, scene.Id);

        // Then they are refused, and nothing changed
        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
        await ExpectUntouched(scene);
    }

    [Fact]
    public async Task A_reviewer_of_the_region_may_read_the_request()
    {
        var scene = await AGuangdongRequest();

        var response = await app.Reviewer("guangdong").GetAsync($"/api/bindings/{scene.Id}");

        await Api.Expect(response, HttpStatusCode.OK);
        Assert.Equal(scene.Id, (await Api.Json(response))["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("cancel")]
    [InlineData("upload")]
    public async Task A_reviewer_of_the_region_may_not_act_for_the_authorizer(string action)
    {
        var scene = await AGuangdongRequest();

        var response = await Do(app.Reviewer("guangdong"), action, scene.Id);

        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
        await ExpectUntouched(scene);
    }

    [Fact]
    public async Task A_reviewer_may_not_open_a_request()
    {
        var member = await Api.Insured(app, insuranceType: "resident");

        var response = await app.Reviewer("guangdong").PostAsJsonAsync("/api/bindings", Api.BindingBody(member));

        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [InlineData("get")]
    [InlineData("submit")]
    [InlineData("cancel")]
    [InlineData("upload")]
    public async Task A_reviewer_of_another_region_is_told_the_request_does_not_exist(string action)
    {
        var scene = await AGuangdongRequest();

        var response = await Do(app.Reviewer("gansu"), action, scene.Id);

        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
        await ExpectUntouched(scene);
    }

    [Theory]
    [InlineData("institution", "get")]
    [InlineData("institution", "cancel")]
    [InlineData("admin", "get")]
    [InlineData("admin", "submit")]
    [InlineData("admin", "upload")]
    public async Task Institutions_and_admins_are_told_the_request_does_not_exist(string role, string action)
    {
        var scene = await AGuangdongRequest();
        var client = role == "admin" ? app.Admin() : app.As("hospital-1", "institution", institution: "hospital-1");

        var response = await Do(client, action, scene.Id);

        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
        await ExpectUntouched(scene);
    }

    [Fact]
    public async Task A_staff_caller_whose_sub_is_the_authorizers_id_is_not_the_authorizer()
    {
        // Given a reviewer and an institution whose sub happens to equal an authorizer's person id
        var scene = await AGuangdongRequest();
        var reviewer = app.As(scene.Authorizer.Id, "reviewer", "gansu");
        var institution = app.As(scene.Authorizer.Id, "institution", institution: "hospital-1");

        // When they read and cancel the request
        var read = await Do(reviewer, "get", scene.Id);
        var cancel = await Do(institution, "cancel", scene.Id);

        // Then the role decides, not the sub
        await Api.ExpectProblem(read, HttpStatusCode.NotFound, "not-found");
        await Api.ExpectProblem(cancel, HttpStatusCode.NotFound, "not-found");
        await ExpectUntouched(scene);
    }

    [Theory]
    [InlineData("get")]
    [InlineData("submit")]
    [InlineData("cancel")]
    [InlineData("upload")]
    public async Task An_unknown_id_does_not_exist(string action)
    {
        var authorizer = await Api.Insured(app);

        var response = await Do(app.As(authorizer.Id), action, Guid.NewGuid().ToString("N"));

        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
    }

    public static TheoryData<string, string> OddIds()
    {
        var data = new TheoryData<string, string>();
        string[] ids =
        [
            "a%20b", // a space
            "a'b", "a%22b", "a%27%20or%20%271%27%3D%271",
            "a.b", "%2E%2E", "a%2Fb", "a%5Cb", "a%23b", "a%3Fb",
            "%E4%B8%AD%E6%96%87", // 中文
            "a%0Ab",
            "PartitionKey%20eq%20%27x%27",
            "x" + new string('a', 64), // 65 characters
            new string('a', 2000),
        ];
        foreach (var id in ids)
        {
            foreach (var action in new[] { "get", "submit", "cancel", "upload" })
            {
                data.Add(id, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OddIds))]
    public async Task An_id_with_odd_characters_does_not_exist(string id, string action)
    {
        var response = await Do(app.As("odd-id-caller"), action, id);

        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_authorizer_may_read_the_request()
    {
        // The control for the refusals here: the shared request is there for its authorizer.
        var scene = await AGuangdongRequest();

        await ExpectUntouched(scene);
    }

    [Fact]
    public async Task The_id_of_the_request_in_another_case_does_not_exist()
    {
        var scene = await AGuangdongRequest();

        var response = await app.As(scene.Authorizer.Id).GetAsync($"/api/bindings/{scene.Id.ToUpperInvariant()}");

        await Api.ExpectProblem(response, HttpStatusCode.NotFound, "not-found");
    }
}
