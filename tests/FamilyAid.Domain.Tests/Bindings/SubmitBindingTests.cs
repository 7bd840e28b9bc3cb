using System.Collections.Frozen;

namespace FamilyAid.Domain.Tests.Bindings;

public class SubmitBindingTests
{
    private static readonly DateTimeOffset Now = Given.Now;
    private static readonly DateOnly Under16 = new(2015, 1, 1);

    public static TheoryData<DocumentType> FullDocuments() => [.. RegionPolicy.FullDocuments];

    [Theory]
    [MemberData(nameof(FullDocuments))]
    public void Each_missing_document_stops_the_submission(DocumentType missing)
    {
        // Given a guangdong request with every document but one
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).WithAllDocumentsBut(missing, Now);
        Assert.Equal([missing], state.MissingDocuments().ToArray());

        // When it is submitted
        var decision = Given.Decider.Decide(state, Given.Submit(), Now.AddHours(1));

        // Then it is refused
        Assert.Equal(BindingRefusal.MissingDocuments, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("national")]
    public void Nothing_uploaded_stops_the_submission(string region)
    {
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.For(region)), Now);

        var decision = Given.Decider.Decide(state, Given.Submit(), Now);

        Assert.Equal(BindingRefusal.MissingDocuments, decision.Refusal);
    }

    [Fact]
    public void Gansu_sharing_without_the_in_app_commitment_is_missing_documents()
    {
        // Given a gansu sharing request whose commitment letter was not confirmed in-app
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed(false), Now);

        // When it is submitted
        var decision = Given.Decider.Decide(state, Given.Submit(), Now);

        // Then it is refused
        Assert.Equal(BindingRefusal.MissingDocuments, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("national")]
    public void The_in_app_commitment_is_needed_only_in_gansu(string region)
    {
        // Given a fully documented request whose commitment was not confirmed in-app
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.For(region)).WithCommitmentConfirmed(false), Now)
            .WithAllDocuments(Now);

        // When it is submitted, Then it is accepted
        Assert.False(Given.Decider.Decide(state, Given.Submit(), Now).IsRefused);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("national")]
    public void A_reviewed_region_goes_to_review_due_the_next_working_day(string region)
    {
        // Given a fully documented sharing request for an adult member (16 on Monday 2026-06-01)
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.For(region)), Now).WithAllDocuments(Now);

        // When it is submitted on Monday 10:00
        var decision = Given.Decider.Decide(state, Given.Submit(), Now);

        // Then it waits for the agency until Tuesday 10:00; the face check is still needed afterwards
        var submitted = Assert.IsType<BindingSubmitted>(Assert.Single(decision.Events));
        Assert.Equal(new BindingSubmitted(Now, BindingStatus.InReview, true, China.At(2026, 6, 2, 10, 0)), submitted);
        Assert.Equal("submitted", submitted.Name);
        var after = BindingDecider.Evolve(state, submitted);
        Assert.Equal(BindingStatus.InReview, after.Status);
        Assert.Equal(Now, after.SubmittedAt);
        Assert.Equal(China.At(2026, 6, 2, 10, 0), after.DueAt);
        Assert.True(after.FaceCheckRequired);
    }

    [Fact]
    public void Submitted_on_a_Friday_evening_the_review_is_due_on_Monday_evening()
    {
        var friday = China.At(2026, 6, 5, 19, 30);
        Assert.Equal(DayOfWeek.Friday, friday.DayOfWeek);
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), friday).WithAllDocuments(friday);

        var submitted = (BindingSubmitted)Given.Decider.Decide(state, Given.Submit(), friday).Events[0];

        Assert.Equal(China.At(2026, 6, 8, 19, 30), submitted.DueAt);
    }

    [Fact]
    public void The_review_deadline_skips_holidays_of_the_deciders_calendar()
    {
        // Given a decider whose calendar has 1–8 October 2025 off
        var calendar = new WorkingCalendar(
            Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d)).ToFrozenSet(), FrozenSet<DateOnly>.Empty);
        var decider = new BindingDecider(BindingTimeouts.Default, calendar);
        var at = China.At(2025, 9, 30, 10, 0);
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), at).WithAllDocuments(at);

        // When it is submitted on 30 September
        var submitted = (BindingSubmitted)decider.Decide(state, Given.Submit(), at).Events[0];

        // Then the review is due on 9 October
        Assert.Equal(China.At(2025, 10, 9, 10, 0), submitted.DueAt);
    }

    [Fact]
    public void The_review_working_days_come_from_configuration()
    {
        var decider = new BindingDecider(BindingTimeouts.Default with { ReviewWorkingDays = 3 }, WorkingCalendar.WeekendsOnly);
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).WithAllDocuments(Now);

        var submitted = (BindingSubmitted)decider.Decide(state, Given.Submit(), Now).Events[0];

        Assert.Equal(China.At(2026, 6, 4, 10, 0), submitted.DueAt);
    }

    [Fact]
    public void A_member_under_16_in_a_reviewed_region_still_goes_to_review_without_a_face_check()
    {
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong).WithMemberBornOn(Under16), Now)
            .WithAllDocuments(Now);

        var submitted = (BindingSubmitted)Assert.Single(Given.Decider.Decide(state, Given.Submit(Under16), Now).Events);

        Assert.Equal(BindingStatus.InReview, submitted.Next);
        Assert.False(submitted.FaceCheckRequired);
    }

    [Theory]
    [InlineData("2008-01-01")]
    [InlineData("2010-06-01")] // 16 today: 以上 includes the number
    [InlineData("1950-01-01")]
    public void Gansu_from_16_awaits_the_face_check_for_three_days(string birth)
    {
        // Given a gansu sharing request, commitment confirmed, for a member 16 or older
        var state = Given.Requested(
            RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(China.Date(birth)), Now);

        // When it is submitted
        var decision = Given.Decider.Decide(state, Given.Submit(China.Date(birth)), Now);

        // Then there is no review: the member's face check completes it, due in three days
        var submitted = Assert.IsType<BindingSubmitted>(Assert.Single(decision.Events));
        Assert.Equal(new BindingSubmitted(Now, BindingStatus.AwaitingFaceCheck, true, Now.AddDays(3)), submitted);
        var after = BindingDecider.Evolve(state, submitted);
        Assert.Equal(BindingStatus.AwaitingFaceCheck, after.Status);
        Assert.Equal(Now.AddDays(3), after.DueAt);
        Assert.True(after.FaceCheckRequired);
    }

    [Theory]
    [InlineData("2015-01-01")]
    [InlineData("2010-06-02")] // 16 tomorrow
    [InlineData("2026-01-01")] // a newborn without a birth certificate number: the 户口本 pages
    public void Gansu_under_16_goes_to_the_agency_review_without_a_face_check(string birth)
    {
        // Given a gansu sharing request, commitment confirmed and both 户口本 pages uploaded, for a member under 16
        var state = Given.Requested(
            RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(China.Date(birth)), Now)
            .WithAllDocuments(Now);

        // When it is submitted
        var decision = Given.Decider.Decide(state, Given.Submit(China.Date(birth)), Now);

        // Then it waits for the city agency until Tuesday 10:00, although gansu reviews nothing else; no face check follows
        var submitted = Assert.IsType<BindingSubmitted>(Assert.Single(decision.Events));
        Assert.Equal(new BindingSubmitted(Now, BindingStatus.InReview, false, China.At(2026, 6, 2, 10, 0)), submitted);
        var after = BindingDecider.Evolve(state, submitted);
        Assert.Equal(BindingStatus.InReview, after.Status);
        Assert.False(after.FaceCheckRequired);
        Assert.Equal(Now, after.SubmittedAt);
    }

    [Fact]
    public void The_face_check_timeout_comes_from_configuration()
    {
        var decider = new BindingDecider(BindingTimeouts.Default with { FaceCheck = TimeSpan.FromHours(12) }, WorkingCalendar.WeekendsOnly);
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed(), Now);

        var submitted = (BindingSubmitted)decider.Decide(state, Given.Submit(), Now).Events[0];

        Assert.Equal(Now.AddHours(12), submitted.DueAt);
    }

    [Fact]
    public void A_member_who_turns_16_between_request_and_submission_needs_the_face_check()
    {
        // Given a gansu request opened at 23:59 on 9 May in China, the day before the member turns 16, with the
        // 户口本 pages that a member under 16 needs
        var requestedAt = China.Instant("2026-05-09T15:59:00Z");
        var state = Given.Requested(
            RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(TestPeople.SixteenOn20260510),
            requestedAt).WithAllDocuments(requestedAt);
        Assert.False(state.FaceCheckRequired);

        // When it is submitted at 00:30 on 10 May in China (still 9 May in UTC)
        var submittedAt = China.Instant("2026-05-09T16:30:00Z");
        var decision = Given.Decider.Decide(state, Given.Submit(), submittedAt);

        // Then the review the request was opened with still comes first, and the face check after it
        var submitted = Assert.IsType<BindingSubmitted>(Assert.Single(decision.Events));
        Assert.Equal(BindingStatus.InReview, submitted.Next);
        Assert.True(submitted.FaceCheckRequired);
        Assert.True(BindingDecider.Evolve(state, submitted).FaceCheckRequired);
    }

    [Fact]
    public void In_a_reviewed_region_a_member_who_turned_16_since_the_request_is_marked_for_the_face_check()
    {
        var requestedAt = China.At(2026, 5, 8, 10, 0);
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), requestedAt).WithAllDocuments(requestedAt);
        Assert.False(state.FaceCheckRequired);

        var submitted = (BindingSubmitted)Given.Decider.Decide(state, Given.Submit(), China.At(2026, 5, 11, 9, 0)).Events[0];

        Assert.Equal(BindingStatus.InReview, submitted.Next);
        Assert.True(submitted.FaceCheckRequired);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("gansu")]
    [InlineData("national")]
    public void A_proxy_for_someone_16_or_older_skips_review_and_awaits_the_face_check(string region)
    {
        // Given a proxy request (no documents) for an adult
        var state = Given.Requested(RequestBuilder.Proxy(RegionPolicy.For(region)), Now);

        // When it is submitted
        var submitted = Assert.IsType<BindingSubmitted>(Assert.Single(Given.Decider.Decide(state, Given.Submit(), Now).Events));

        // Then the member's face check is the consent; no agency review
        Assert.Equal(new BindingSubmitted(Now, BindingStatus.AwaitingFaceCheck, true, Now.AddDays(3)), submitted);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("gansu")]
    [InlineData("national")]
    public void A_proxy_for_a_child_under_16_goes_to_review_without_a_face_check(string region)
    {
        // Given a proxy request for a child under 16, with both 户口本 pages
        var state = Given.Requested(RequestBuilder.Proxy(RegionPolicy.For(region)).WithMemberBornOn(Under16), Now).WithAllDocuments(Now);

        // When it is submitted
        var decision = Given.Decider.Decide(state, Given.Submit(Under16), Now);

        // Then the agency reviews it; nothing is approved yet
        var submitted = Assert.IsType<BindingSubmitted>(Assert.Single(decision.Events));
        Assert.Equal(BindingStatus.InReview, submitted.Next);
        Assert.False(submitted.FaceCheckRequired);
    }

    [Theory]
    [InlineData("guangdong")] // in review
    [InlineData("gansu")] // awaiting face check
    public void A_second_submission_is_refused(string region)
    {
        // Given a request that was submitted and is waiting for its next step
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.For(region)).WithCommitmentConfirmed(), Now)
            .WithAllDocuments(Now)
            .Submitted(Now);
        Assert.False(state.Status.IsFinal());

        // When it is submitted again
        var decision = Given.Decider.Decide(state, Given.Submit(), Now.AddMinutes(1));

        // Then it is refused
        Assert.Equal(BindingRefusal.AlreadySubmitted, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(BindingStatus.Approved)]
    [InlineData(BindingStatus.Rejected)]
    [InlineData(BindingStatus.Cancelled)]
    [InlineData(BindingStatus.Expired)]
    public void A_final_request_cannot_be_submitted(BindingStatus final)
    {
        // Given a complete request that has reached a final status
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong), Now).WithAllDocuments(Now)
            with { Status = final, DueAt = null };

        // When it is submitted
        var decision = Given.Decider.Decide(state, Given.Submit(), Now);

        // Then it is refused as final
        Assert.Equal(BindingRefusal.AlreadyFinal, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_child_request_approved_by_review_cannot_be_submitted_again()
    {
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(Under16), Now)
            .WithAllDocuments(Now).Submitted(Now, Under16).Reviewed(ReviewDecision.Approve, Now).Activated(Now);
        Assert.Equal(BindingStatus.Approved, state.Status);

        Assert.Equal(BindingRefusal.AlreadyFinal, Given.Decider.Decide(state, Given.Submit(), Now).Refusal);
    }
}
