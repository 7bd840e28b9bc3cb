namespace FamilyAid.Functions.Tests.Bindings;

/// <summary>Every refusal of <c>POST /api/bindings</c> that docs/API.md lists, each next to the request that the rule lets through.</summary>
[Collection(AppCollection.Name)]
public sealed class CreateBindingRefusalTests(FamilyAidApp app)
{
    private Task<HttpResponseMessage> Create(Person authorizer, Person member, string kind = "sharing", string region = "guangdong", string relation = "child", bool commitmentConfirmed = false) =>
        app.As(authorizer.Id).PostAsJsonAsync("/api/bindings", Api.BindingBody(member, kind, region, relation, commitmentConfirmed));

    /// <summary>A gansu pair bound: an authorizer and a child under 16, approved by the reviewer on the 户口本 pages.</summary>
    private async Task<(Person Authorizer, Person Child)> BoundInGansu(string kind = "sharing", string childRegion = "gansu", string childInsurance = "resident")
    {
        var authorizer = await Api.Insured(app, region: "gansu");
        var child = await Api.Insured(app, region: childRegion, insuranceType: childInsurance, birthDate: new DateOnly(2016, 6, 1));
        await Approve(authorizer, child, kind);
        return (authorizer, child);
    }

    private Task<Families.Family> Approve(Person authorizer, Person child, string kind = "sharing") =>
        Families.FamilySteps.Bind(app, authorizer, child, "gansu", kind);

    // The body is checked before anyone is looked up: these need no insured people.
    [Fact]
    public async Task A_member_resident_id_that_fails_its_check_is_400()
    {
        var valid = Send.WithCheck("44010619900307123");
        var wrong = valid[..17] + (valid[17] == '0' ? '1' : '0');

        var response = await app.As("any-applicant").PostAsJsonAsync("/api/bindings", Api.BindingBody(new Person("none", wrong, "张三", "13912345678")));

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-resident-id");
    }

    [Fact]
    public async Task A_member_resident_id_with_an_impossible_birth_date_is_400()
    {
        var member = new Person("none", Send.WithCheck("44010619900230123"), "张三", "13912345678");

        var response = await app.As("any-applicant").PostAsJsonAsync("/api/bindings", Api.BindingBody(member));

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "invalid-resident-id");
    }

    [Fact]
    public async Task A_member_born_after_today_in_china_is_400_and_one_born_today_is_not()
    {
        // Given member IDs born today and tomorrow by the app's clock, in China
        var today = FamilyAid.Domain.Identity.Age.ChinaDate(app.Clock.GetUtcNow());
        var born = (DateOnly date) => new Person("none", TestIds.Born(date), "张三", "13912345678");

        // When an authorizer asks to bind each
        var tomorrow = await app.As("any-applicant").PostAsJsonAsync("/api/bindings", Api.BindingBody(born(today.AddDays(1))));
        var todays = await app.As("any-applicant").PostAsJsonAsync("/api/bindings", Api.BindingBody(born(today)));

        // Then the unborn member's number is invalid; today's passes the check (and is then not a known person)
        await Api.ExpectProblem(tomorrow, HttpStatusCode.BadRequest, "invalid-resident-id");
        Assert.NotEqual(HttpStatusCode.BadRequest, todays.StatusCode);
    }

    [Fact]
    public async Task An_unknown_region_is_400()
    {
        var member = new Person("none", TestIds.Adult(), "张三", "13912345678");

        var response = await app.As("any-applicant").PostAsJsonAsync("/api/bindings", Api.BindingBody(member, region: "atlantis"));

        await Api.ExpectProblem(response, HttpStatusCode.BadRequest, "unknown-region");
    }

    [Fact]
    public async Task Since_the_2024_widening_a_sibling_and_a_grandparent_may_be_bound_in_guangdong_and_gansu()
    {
        // Given employees in guangdong and gansu, each with an insured sibling, and a guangdong employee with a grandparent
        var cantonese = await Api.Insured(app);
        var sibling = await Api.Insured(app, insuranceType: "resident");
        var gansuAuthorizer = await Api.Insured(app, region: "gansu");
        var gansuSibling = await Api.Insured(app, region: "gansu", insuranceType: "resident");
        var grandchild = await Api.Insured(app);
        var grandparent = await Api.Insured(app, insuranceType: "resident");

        // When each asks to share with their relative (on 2026-11-24: guangdong-2024 and gansu-2024 are in force)
        var guangdong = await Create(cantonese, sibling, relation: "sibling");
        var gansu = await Create(gansuAuthorizer, gansuSibling, region: "gansu", relation: "sibling", commitmentConfirmed: true);
        var elder = await Create(grandchild, grandparent, relation: "grandparent");

        // Then every request opens: guangdong's 2023 limit to spouse, parents and children has ended (a domain test keeps it)
        await Api.Expect(guangdong, HttpStatusCode.Created);
        await Api.Expect(gansu, HttpStatusCode.Created);
        await Api.Expect(elder, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("sharing")]
    [InlineData("proxy")]
    public async Task Nobody_may_bind_themselves(string kind)
    {
        var authorizer = await Api.Insured(app);

        var response = await Create(authorizer, authorizer, kind: kind);

        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "relation-not-allowed");
    }

    [Fact]
    public async Task A_resident_insured_authorizer_may_not_share_but_may_act_as_proxy()
    {
        // Given an authorizer with resident insurance (no personal account)
        var authorizer = await Api.Insured(app, insuranceType: "resident");
        var member = await Api.Insured(app, insuranceType: "resident");

        // When they ask to share, and to act as proxy
        var sharing = await Create(authorizer, member);
        var proxy = await Create(authorizer, member, kind: "proxy");

        // Then sharing needs employee insurance; a proxy moves no money
        await Api.ExpectProblem(sharing, HttpStatusCode.UnprocessableEntity, "authorizer-not-eligible");
        await Api.Expect(proxy, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("sharing")]
    [InlineData("proxy")]
    public async Task A_suspended_authorizer_is_not_eligible(string kind)
    {
        var authorizer = await Api.Insured(app, status: "suspended");
        var member = await Api.Insured(app, insuranceType: "resident");

        var response = await Create(authorizer, member, kind: kind);

        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "authorizer-not-eligible");
    }

    [Fact]
    public async Task An_authorizer_insured_in_another_region_may_share_only_on_the_national_platform()
    {
        // Given a guangdong employee and a relative
        var authorizer = await Api.Insured(app, region: "guangdong");
        var member = await Api.Insured(app, region: "gansu", insuranceType: "resident");

        // When they ask under gansu's rules, and on the national platform
        var gansu = await Create(authorizer, member, region: "gansu", commitmentConfirmed: true);
        var national = await Create(authorizer, member, region: "national");

        // Then their personal account follows guangdong's rules, which the national platform serves
        await Api.ExpectProblem(gansu, HttpStatusCode.UnprocessableEntity, "authorizer-not-eligible");
        await Api.Expect(national, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_caller_with_no_insured_record_is_not_eligible()
    {
        var member = await Api.Insured(app, insuranceType: "resident");
        var stranger = new Person("uninsured-" + Guid.NewGuid().ToString("N"), TestIds.Adult(), "无名", "13900000000");

        var response = await Create(stranger, member);

        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "authorizer-not-eligible");
    }

    [Fact]
    public async Task An_unknown_member_is_not_insured()
    {
        var authorizer = await Api.Insured(app);
        var unknown = new Person("none", TestIds.Adult(), "张三", "13912345678");

        var response = await Create(authorizer, unknown);

        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "member-not-insured");
    }

    [Fact]
    public async Task A_suspended_member_may_not_share_but_may_have_a_proxy()
    {
        // Given a relative whose insurance is suspended
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident", status: "suspended");

        // When the authorizer asks to share with them, and to act as their proxy
        var sharing = await Create(authorizer, member);
        var proxy = await Create(authorizer, member, kind: "proxy");

        // Then sharing needs insurance in force; a proxy may pay their lapsed premium
        await Api.ExpectProblem(sharing, HttpStatusCode.UnprocessableEntity, "member-not-insured");
        await Api.Expect(proxy, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_member_name_that_does_not_match_the_record_is_refused()
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");

        var wrong = await Create(authorizer, member with { Name = member.Name + "X" });
        var right = await Create(authorizer, member);

        await Api.ExpectProblem(wrong, HttpStatusCode.UnprocessableEntity, "member-mismatch");
        await Api.Expect(right, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_mismatched_name_is_refused_for_a_proxy_too()
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");

        var response = await Create(authorizer, member with { Name = "别人" }, kind: "proxy");

        await Api.ExpectProblem(response, HttpStatusCode.UnprocessableEntity, "member-mismatch");
    }

    [Fact]
    public async Task A_member_in_a_sharing_group_may_not_join_another_in_any_region()
    {
        // Given a child bound into a gansu authorizer's group
        var (_, child) = await BoundInGansu();
        var otherGansu = await Api.Insured(app, region: "gansu");
        var otherGuangdong = await Api.Insured(app, region: "guangdong");

        // When other authorizers ask to share with that child, in gansu and in guangdong
        var gansu = await Create(otherGansu, child, region: "gansu", commitmentConfirmed: true);
        var guangdong = await Create(otherGuangdong, child);

        // Then a member belongs to one sharing group at a time
        await Api.ExpectProblem(gansu, HttpStatusCode.Conflict, "already-in-group");
        await Api.ExpectProblem(guangdong, HttpStatusCode.Conflict, "already-in-group");
    }

    [Fact]
    public async Task The_creator_of_a_group_may_join_another_in_gansu_but_not_in_guangdong()
    {
        // Given a gansu authorizer who runs a group
        var (creator, _) = await BoundInGansu();
        var gansuRelative = await Api.Insured(app, region: "gansu");
        var guangdongRelative = await Api.Insured(app, region: "guangdong");

        // When relatives ask to bind that creator into their own groups
        var gansu = await Create(gansuRelative, creator, region: "gansu", relation: "parent", commitmentConfirmed: true);
        var guangdong = await Create(guangdongRelative, creator, relation: "parent");

        // Then gansu allows one group as creator and one as member; guangdong allows one group in all
        await Api.Expect(gansu, HttpStatusCode.Created);
        await Api.ExpectProblem(guangdong, HttpStatusCode.Conflict, "already-in-group");
    }

    [Fact]
    public async Task A_member_of_a_group_may_not_create_one_in_guangdong()
    {
        // Given a guangdong employee (a child with a job-based record) bound into a gansu group
        var gansuAuthorizer = await Api.Insured(app, region: "gansu");
        var member = await Api.Insured(app, region: "guangdong", insuranceType: "employee", birthDate: new DateOnly(2016, 6, 1));
        await Approve(gansuAuthorizer, member);
        var relative = await Api.Insured(app, insuranceType: "resident");

        // When that member asks to share their own account in guangdong
        var response = await Create(member, relative, relation: "parent");

        // Then they may not sit in one group and run another
        await Api.ExpectProblem(response, HttpStatusCode.Conflict, "already-in-group");
    }

    [Fact]
    public async Task An_active_proxy_blocks_another_proxy_for_the_pair_but_not_sharing()
    {
        // Given a gansu authorizer who is already proxy for a child
        var (authorizer, child) = await BoundInGansu(kind: "proxy");

        // When they ask to be proxy again, and to share with the child
        var proxy = await Create(authorizer, child, kind: "proxy", region: "gansu");
        var sharing = await Create(authorizer, child, region: "gansu", commitmentConfirmed: true);

        // Then the pair is bound as proxy already; sharing is another relationship
        await Api.ExpectProblem(proxy, HttpStatusCode.Conflict, "already-in-group");
        await Api.Expect(sharing, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_second_open_request_for_the_same_member_and_kind_is_a_duplicate()
    {
        // Given an open sharing request
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var first = await Api.CreateBinding(app, authorizer, member);

        // When the authorizer asks again for the same member, and for a proxy of them
        var again = await Create(authorizer, member);
        var proxy = await Create(authorizer, member, kind: "proxy");

        // Then the same kind is a duplicate, the other kind is not; and only the first sharing request exists
        await Api.ExpectProblem(again, HttpStatusCode.Conflict, "duplicate-request");
        await Api.Expect(proxy, HttpStatusCode.Created);
        var listed = await Send.ListedIds(app.As(authorizer.Id));
        Assert.Equal(2, listed.Count);
        Assert.Contains(first, listed);
    }

    [Fact]
    public async Task A_new_request_may_be_opened_once_the_first_is_cancelled()
    {
        // Given an open request that the authorizer cancels
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        var first = await Api.CreateBinding(app, authorizer, member);
        await Api.Expect(await app.As(authorizer.Id).PostAsync($"/api/bindings/{first}/cancel", null), HttpStatusCode.OK);

        // When they ask again
        var again = await Create(authorizer, member);

        // Then a new request is opened, and a third is a duplicate of that one
        var second = await Send.CreatedId(again);
        Assert.NotEqual(first, second);
        await Api.ExpectProblem(await Create(authorizer, member), HttpStatusCode.Conflict, "duplicate-request");
    }

    [Fact]
    public async Task Another_authorizer_may_open_a_request_for_a_member_with_an_open_one()
    {
        var first = await Api.Insured(app);
        var second = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident");
        await Api.CreateBinding(app, first, member);

        var response = await Create(second, member, relation: "parent");

        await Api.Expect(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_proxy_request_takes_no_documents_and_allows_any_relation()
    {
        // Given a guangdong authorizer and an adult sibling
        var authorizer = await Api.Insured(app);
        var sibling = await Api.Insured(app, insuranceType: "resident");

        // When they ask to act as proxy for the sibling
        var response = await Create(authorizer, sibling, kind: "proxy", relation: "sibling");

        // Then the request needs no documents, only the adult's face check
        await Api.Expect(response, HttpStatusCode.Created);
        var created = await Api.Json(response);
        Assert.Equal("awaiting-documents", created["status"]!.GetValue<string>());
        Assert.Empty(created["requiredDocuments"]!.AsArray());
        Assert.True(created["faceCheckRequired"]!.GetValue<bool>());
        var view = await Send.View(app.As(authorizer.Id), created["id"]!.GetValue<string>());
        Assert.Equal("proxy", view["kind"]!.GetValue<string>());
        Assert.Equal("sibling", view["relation"]!.GetValue<string>());
        Assert.Empty(view["documents"]!.AsArray());
    }

    [Theory]
    [InlineData(2016, 6, 1, false)] // 10
    [InlineData(2010, 11, 25, false)] // 16 tomorrow (in China)
    [InlineData(2010, 11, 24, true)] // 16 today: exactly 16 counts
    [InlineData(1950, 1, 1, true)]
    public async Task A_proxy_needs_the_members_face_check_from_16(int year, int month, int day, bool faceCheck)
    {
        var authorizer = await Api.Insured(app);
        var member = await Api.Insured(app, insuranceType: "resident", birthDate: new DateOnly(year, month, day));

        var response = await Create(authorizer, member, kind: "proxy");

        await Api.Expect(response, HttpStatusCode.Created);
        Assert.Equal(faceCheck, (await Api.Json(response))["faceCheckRequired"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_proxy_for_a_child_goes_to_review_once_the_hukou_pages_are_in()
    {
        // Given a guangdong proxy request for an eight-year-old
        var authorizer = await Api.Insured(app);
        var child = await Api.Insured(app, insuranceType: "resident", birthDate: new DateOnly(2018, 3, 3));
        var id = await Api.CreateBinding(app, authorizer, child, kind: "proxy");

        // When it is submitted with the 户口本 pages
        await Api.UploadEach(app, authorizer, id, Api.HukouPages);
        var submit = await app.As(authorizer.Id).PostAsync($"/api/bindings/{id}/submit", null);

        // Then the agency reviews it before anything is bound
        await Api.Expect(submit, HttpStatusCode.Accepted);
        Assert.Equal("in-review", await Send.Status(submit));
    }

    [Theory]
    [InlineData("reviewer", "guangdong", null)]
    [InlineData("institution", null, "hospital-1")]
    [InlineData("admin", null, null)]
    public async Task Only_applicants_open_requests(string role, string? region, string? institution)
    {
        var member = await Api.Insured(app, insuranceType: "resident");

        var response = await app.As("staff-" + role, role, region, institution).PostAsJsonAsync("/api/bindings", Api.BindingBody(member));

        await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Empty(await Send.ListedIds(app.As(member.Id)));
    }
}
