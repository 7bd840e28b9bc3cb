namespace FamilyAid.Domain.Tests.Bindings;

/// <summary>Opening a request that breaks no rule: what intake decides.</summary>
public class RequestBindingTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Fact]
    public void An_eligible_request_is_accepted_with_one_requested_event()
    {
        // Given a guangdong sharing request by an employee-insured authorizer for their insured child
        var command = RequestBuilder.Sharing(RegionPolicy.Guangdong).WithId("binding-42").For(Relation.Child).Build();

        // When it is decided
        var decision = Given.Decider.Decide(null, command, Now);

        // Then one requested event carries what intake decided
        Assert.False(decision.IsRefused);
        Assert.Null(decision.Refusal);
        var requested = Assert.IsType<BindingRequested>(Assert.Single(decision.Events));
        Assert.Equal(Now, requested.At);
        Assert.Equal("binding-42", requested.BindingId);
        Assert.Equal(BindingKind.Sharing, requested.Kind);
        Assert.Equal("guangdong", requested.Region);
        Assert.Equal(Relation.Child, requested.Relation);
        Assert.Equal(TestPeople.AuthorizerId, requested.AuthorizerId);
        Assert.Equal(TestPeople.MemberId, requested.MemberId);
        Assert.Equal("张小雨", requested.MemberName);
        Assert.True(requested.FaceCheckRequired);
        Assert.Equal(command.MemberIdMasked, requested.MemberIdMasked);
        Assert.Equal("requested", requested.Name);
    }

    [Theory]
    //          region,      kind,               documents, commitment, review
    [InlineData("guangdong", BindingKind.Sharing, true, false, true)]
    [InlineData("gansu", BindingKind.Sharing, false, true, false)]
    [InlineData("national", BindingKind.Sharing, true, false, true)]
    [InlineData("guangdong", BindingKind.Proxy, false, false, false)] // a proxy moves no money
    [InlineData("gansu", BindingKind.Proxy, false, false, false)]
    [InlineData("national", BindingKind.Proxy, false, false, false)]
    public void Intake_takes_documents_commitment_and_review_from_the_region_and_kind(
        string region, BindingKind kind, bool fullDocuments, bool commitmentRequired, bool reviewRequired)
    {
        // Given an eligible request of this kind in this region
        var policy = RegionPolicy.For(region)!;
        var command = RequestBuilder.Of(kind, policy).Build();

        // When it is decided
        var requested = Assert.IsType<BindingRequested>(Assert.Single(Given.Decider.Decide(null, command, Now).Events));

        // Then the requirements follow the policy (and a proxy has none)
        Assert.Equal(fullDocuments ? RegionPolicy.FullDocuments.ToArray() : [], requested.RequiredDocuments.ToArray());
        Assert.Equal(commitmentRequired, requested.CommitmentRequired);
        Assert.Equal(reviewRequired, requested.ReviewRequired);
        Assert.Equal(16, requested.FaceCheckMinAge);
    }

    [Theory]
    [InlineData("guangdong", BindingKind.Sharing)]
    [InlineData("gansu", BindingKind.Sharing)]
    [InlineData("national", BindingKind.Proxy)]
    public void Documents_are_due_seven_days_after_the_request(string region, BindingKind kind)
    {
        var command = RequestBuilder.Of(kind, RegionPolicy.For(region)!).Build();

        var requested = (BindingRequested)Given.Decider.Decide(null, command, Now).Events[0];

        Assert.Equal(Now.AddDays(7), requested.DueAt);
        Assert.Equal(China.At(2026, 6, 8, 10, 0), requested.DueAt);
    }

    [Fact]
    public void The_documents_timeout_comes_from_configuration()
    {
        var decider = new BindingDecider(BindingTimeouts.Default with { Documents = TimeSpan.FromHours(36) }, WorkingCalendar.WeekendsOnly);

        var requested = (BindingRequested)decider.Decide(null, RequestBuilder.Sharing().Build(), Now).Events[0];

        Assert.Equal(Now.AddHours(36), requested.DueAt);
    }

    [Fact]
    public void The_new_request_awaits_every_required_document()
    {
        // Given an eligible guangdong sharing request
        // When it is opened
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now);

        // Then it awaits all seven documents
        Assert.Equal(BindingStatus.AwaitingDocuments, state.Status);
        Assert.Empty(state.Documents);
        Assert.Equal(RegionPolicy.FullDocuments.ToArray(), state.MissingDocuments().ToArray());
        Assert.Equal(Now, state.RequestedAt);
        Assert.Null(state.SubmittedAt);
        Assert.Equal(Now.AddDays(7), state.DueAt);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_in_app_commitment_is_recorded_as_given(bool confirmed)
    {
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed(confirmed), Now);

        Assert.True(state.CommitmentRequired);
        Assert.Equal(confirmed, state.CommitmentConfirmed);
    }

    [Theory]
    [InlineData("2026-05-09T15:59:00Z", false)] // 23:59 on 9 May in China: 15
    [InlineData("2026-05-09T16:00:00Z", true)] // midnight, 10 May in China: 16 today counts
    [InlineData("2026-05-09T16:30:00Z", true)]
    public void Face_check_at_intake_follows_the_members_age_on_the_China_date(string at, bool faceCheck)
    {
        // Given a member who turns 16 on 2026-05-10
        var request = RequestBuilder.Sharing(RegionPolicy.Guangdong).WithMemberBornOn(TestPeople.SixteenOn20260510);

        // When the request is opened at this instant
        var state = Given.Requested(request, China.Instant(at));

        // Then the face check is required from the 16th birthday in China
        Assert.Equal(faceCheck, state.FaceCheckRequired);
    }

    [Fact]
    public void Neither_the_requested_event_nor_the_state_keeps_the_members_birth_date()
    {
        // Given what is stored of a request: its events and its state (the header's snapshot)
        Type[] stored = [typeof(BindingRequested), typeof(BindingState)];

        // When their members are listed, then none is a date: beside the masked ID, the birth date (digits 7–14) would
        // give the whole resident ID back
        Assert.All(stored, type => Assert.DoesNotContain(
            type.GetProperties(), p => p.PropertyType == typeof(DateOnly) || p.PropertyType == typeof(DateOnly?)));
    }

    [Fact]
    public void A_resident_insured_authorizer_may_open_a_proxy()
    {
        // Given an authorizer with resident insurance (no personal account)
        var command = RequestBuilder.Proxy().WithAuthorizer(TestPeople.Authorizer(InsuranceType.Resident)).Build();

        // When a proxy is requested
        var decision = Given.Decider.Decide(null, command, Now);

        // Then it is accepted
        Assert.False(decision.IsRefused);
        Assert.IsType<BindingRequested>(Assert.Single(decision.Events));
    }

    [Theory]
    [InlineData(InsuranceType.Resident)]
    [InlineData(InsuranceType.Employee)]
    public void A_member_of_either_insurance_type_may_be_bound(InsuranceType type)
    {
        var command = RequestBuilder.Sharing().WithMember(TestPeople.Member(type: type)).Build();

        Assert.Null(BindingEligibility.Check(command));
    }

    [Fact]
    public void The_typed_name_matches_despite_surrounding_spaces_and_the_insured_record_name_is_kept()
    {
        var command = RequestBuilder.Sharing().TypingName("  张小雨 ").Build();

        var requested = (BindingRequested)Given.Decider.Decide(null, command, Now).Events[0];

        Assert.Equal("张小雨", requested.MemberName);
    }
}
