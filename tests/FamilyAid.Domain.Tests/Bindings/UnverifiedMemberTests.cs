using CsCheck;

namespace FamilyAid.Domain.Tests.Bindings;

/// <summary>A member under the face-check age never confirms the relation in person: it is proven (户口本 pages, or a
/// newborn child's birth certificate number) and reviewed by the city agency, in every region and for either kind.</summary>
public class UnverifiedMemberTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    /// <summary>Six on 2026-06-01.</summary>
    private static readonly DateOnly SixYearOld = new(2020, 3, 3);

    /// <summary>Four months old on 2026-06-01.</summary>
    private static readonly DateOnly Newborn = new(2026, 2, 1);

    private static readonly DocumentType[] Hukou = [DocumentType.HukouHome, DocumentType.HukouMember];

    private static BindingRequested Requested(RequestBuilder request, DateTimeOffset? at = null) =>
        Assert.IsType<BindingRequested>(Assert.Single(Given.Decider.Decide(null, request.Build(), at ?? Now).Events));

    [Fact]
    public void A_gansu_sharing_request_for_a_child_needs_the_hukou_pages_and_a_review()
    {
        // Given a gansu sharing request for a six-year-old (gansu otherwise takes no documents and reviews nothing)
        var request = RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(SixYearOld);

        // When it is opened
        var requested = Requested(request);

        // Then both 户口本 pages are asked for, and the city agency reviews it
        Assert.Equal(Hukou, requested.RequiredDocuments.ToArray());
        Assert.True(requested.ReviewRequired);
        Assert.True(requested.CommitmentRequired);
        Assert.Null(requested.BirthCertificate);
    }

    [Fact]
    public void A_gansu_child_goes_from_documents_to_review_to_approved_by_the_reviewer_never_at_submission()
    {
        // Given a gansu sharing request for a six-year-old, opened by someone who only knows the child's ID and name
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(SixYearOld), Now);

        // When it is submitted with nothing uploaded
        var bare = Given.Decider.Decide(state, Given.Submit(SixYearOld), Now);

        // Then it is refused for the missing 户口本 pages
        Assert.Equal(BindingRefusal.MissingDocuments, bare.Refusal);
        Assert.Equal(Hukou, state.MissingDocuments().ToArray());

        // When the pages are uploaded and it is submitted
        var submitted = state.WithAllDocuments(Now).Submitted(Now, SixYearOld);

        // Then it waits for the agency, not approved
        Assert.Equal(BindingStatus.InReview, submitted.Status);
        Assert.False(submitted.FaceCheckRequired);

        // When the reviewer approves
        var approved = submitted.Reviewed(ReviewDecision.Approve, Now.AddHours(2), "户口本 shows the applicant as parent");

        // Then it is approved (activating the relationship, then approved), with no face check
        Assert.Equal(BindingStatus.Activating, approved.Status);
        Assert.Equal(BindingStatus.Approved, approved.Activated(Now.AddHours(2)).Status);
    }

    [Fact]
    public void A_gansu_child_whose_proof_the_reviewer_rejects_is_never_bound()
    {
        // Given a gansu child request in review with pages that do not show the relation
        var state = Given.Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(SixYearOld), Now)
            .WithAllDocuments(Now).Submitted(Now, SixYearOld);

        // When the reviewer rejects
        var rejected = state.Reviewed(ReviewDecision.Reject, Now.AddHours(1), "the 户口本 does not list the applicant");

        // Then it is rejected
        Assert.Equal(BindingStatus.Rejected, rejected.Status);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("gansu")]
    [InlineData("national")]
    public void A_proxy_for_a_child_needs_the_hukou_pages_and_a_review(string region)
    {
        // Given a proxy request (which otherwise takes no documents and no review) for a six-year-old
        var request = RequestBuilder.Proxy(RegionPolicy.For(region)).WithMemberBornOn(SixYearOld);

        // When it is opened
        var requested = Requested(request);

        // Then the 户口本 pages and the agency's review are required
        Assert.Equal(Hukou, requested.RequiredDocuments.ToArray());
        Assert.True(requested.ReviewRequired);
        Assert.False(requested.CommitmentRequired);
    }

    [Fact]
    public void A_guangdong_proxy_for_a_child_goes_to_review_once_the_hukou_pages_are_in()
    {
        // Given a guangdong proxy request for a six-year-old
        var state = Given.Requested(RequestBuilder.Proxy(RegionPolicy.Guangdong).WithMemberBornOn(SixYearOld), Now);

        // When it is submitted without the pages, Then it is refused
        Assert.Equal(BindingRefusal.MissingDocuments, Given.Decider.Decide(state, Given.Submit(SixYearOld), Now).Refusal);

        // When it is submitted with them, Then it is in review, and only the reviewer approves it
        var submitted = state.WithAllDocuments(Now).Submitted(Now, SixYearOld);
        Assert.Equal(BindingStatus.InReview, submitted.Status);
        Assert.Equal(BindingStatus.Activating, submitted.Reviewed(ReviewDecision.Approve, Now.AddHours(1)).Status);
    }

    [Theory]
    [InlineData("guangdong")]
    [InlineData("national")]
    public void A_reviewed_region_keeps_its_own_documents_for_a_child(string region)
    {
        // Given a sharing request for a six-year-old where every document is asked of everyone
        // When it is opened
        var requested = Requested(RequestBuilder.Sharing(RegionPolicy.For(region)).WithMemberBornOn(SixYearOld));

        // Then the documents are the region's own (the 户口本 pages among them, once), and it is reviewed
        Assert.Equal(RegionPolicy.FullDocuments.ToArray(), requested.RequiredDocuments.ToArray());
        Assert.True(requested.ReviewRequired);
    }

    [Theory]
    [InlineData("gansu", BindingKind.Sharing)]
    [InlineData("guangdong", BindingKind.Proxy)]
    [InlineData("national", BindingKind.Proxy)]
    public void A_newborn_child_with_a_birth_certificate_number_needs_no_hukou_pages_but_is_reviewed(string region, BindingKind kind)
    {
        // Given a request for a four-month-old child, with the 出生医学证明 number instead of the 户口本 pages
        var request = RequestBuilder.Of(kind, RegionPolicy.For(region)!).WithCommitmentConfirmed().WithMemberBornOn(Newborn).WithBirthCertificate();

        // When it is opened
        var requested = Requested(request);

        // Then no 户口本 page is asked for, the agency reviews it, and the event keeps the number sealed and masked
        Assert.Empty(requested.RequiredDocuments);
        Assert.True(requested.ReviewRequired);
        Assert.Equal(RequestBuilder.BirthCertificateProof, requested.BirthCertificate);

        // And when it is submitted it goes to review, never approved at once
        var submitted = Given.Requested(request, Now).Submitted(Now, Newborn);
        Assert.Equal(BindingStatus.InReview, submitted.Status);
        Assert.False(submitted.FaceCheckRequired);
    }

    [Fact]
    public void In_guangdong_a_newborn_childs_birth_certificate_number_stands_in_for_the_hukou_pages_only()
    {
        // Given a guangdong sharing request for a newborn child with the birth certificate number
        // When it is opened
        var requested = Requested(RequestBuilder.Sharing(RegionPolicy.Guangdong).WithMemberBornOn(Newborn).WithBirthCertificate());

        // Then the ID cards and the commitment letter are still asked for; the 户口本 pages are not
        Assert.Equal(RegionPolicy.FullDocuments.Except(Hukou).ToArray(), requested.RequiredDocuments.ToArray());
        Assert.True(requested.ReviewRequired);
    }

    [Fact]
    public void A_newborn_child_without_a_birth_certificate_number_is_proven_by_the_hukou_pages()
    {
        var requested = Requested(RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(Newborn));

        Assert.Equal(Hukou, requested.RequiredDocuments.ToArray());
        Assert.True(requested.ReviewRequired);
        Assert.Null(requested.BirthCertificate);
    }

    [Theory]
    [InlineData("2025-06-01", Relation.Child)] // one today: no longer a newborn
    [InlineData("2020-03-03", Relation.Child)] // six
    [InlineData("1990-01-01", Relation.Child)] // an adult child
    [InlineData("2026-02-01", Relation.Grandchild)] // a newborn, but the certificate names the parents, not the grandparents
    [InlineData("2026-02-01", Relation.Sibling)]
    public void A_birth_certificate_number_that_proves_nothing_here_is_refused(string birth, Relation relation)
    {
        // Given a gansu request with a birth certificate number for a member who is not a newborn child of the applicant
        var command = RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().For(relation)
            .WithMemberBornOn(China.Date(birth)).WithBirthCertificate().Build();

        // When it is opened
        var decision = Given.Decider.Decide(null, command, Now);

        // Then it is refused, and nothing (the sealed number included) is recorded
        Assert.Equal(BindingRefusal.BirthCertificateNotApplicable, decision.Refusal);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_last_day_before_the_first_birthday_is_still_a_newborn()
    {
        // Given a child who turns one tomorrow in China
        var request = RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(new DateOnly(2025, 6, 2))
            .WithBirthCertificate();

        // When the request is opened, Then the birth certificate number is taken
        Assert.Empty(Requested(request).RequiredDocuments);
    }

    [Theory]
    [InlineData("gansu", BindingKind.Sharing, "2010-06-01")] // 16 today
    [InlineData("gansu", BindingKind.Sharing, "1980-01-01")]
    [InlineData("gansu", BindingKind.Proxy, "2010-06-01")]
    [InlineData("guangdong", BindingKind.Proxy, "1950-01-01")]
    [InlineData("national", BindingKind.Proxy, "2010-06-01")]
    public void From_16_the_face_check_proves_the_relation_and_nothing_more_is_asked(string region, BindingKind kind, string birth)
    {
        // Given a request for a member of 16 or more in a region or kind that takes no documents
        var request = RequestBuilder.Of(kind, RegionPolicy.For(region)!).WithCommitmentConfirmed().WithMemberBornOn(China.Date(birth));

        // When it is opened and submitted
        var requested = Requested(request);
        var submitted = Given.Requested(request, Now).Submitted(Now, request.MemberBirthDate);

        // Then, as before, no documents and no review: the member's own face check is next
        Assert.Empty(requested.RequiredDocuments);
        Assert.False(requested.ReviewRequired);
        Assert.Equal(BindingStatus.AwaitingFaceCheck, submitted.Status);
    }

    [Fact]
    public void A_child_request_opened_before_the_rule_still_goes_to_review_at_submission()
    {
        // Given a gansu request for a six-year-old as intake decided it before proof was asked: no documents, no review
        var state = BindingDecider.Evolve(null, Requested(
                RequestBuilder.Sharing(RegionPolicy.Gansu).WithCommitmentConfirmed().WithMemberBornOn(SixYearOld))
            with { RequiredDocuments = [], ReviewRequired = false });

        // When it is submitted
        var submitted = Assert.IsType<BindingSubmitted>(Assert.Single(Given.Decider.Decide(state, Given.Submit(SixYearOld), Now).Events));

        // Then it goes to the agency, which sees that no proof came with it, instead of being approved at once
        Assert.Equal(BindingStatus.InReview, submitted.Next);
        Assert.False(submitted.FaceCheckRequired);
    }

    [Fact]
    public void Whatever_the_region_kind_and_age_a_submission_without_a_face_check_is_never_approved_at_once()
    {
        var regions = RegionPolicy.All.Values.ToArray();
        Gen.Select(Gen.Int[0, regions.Length - 1], Gen.Enum<BindingKind>(), Gen.Int[0, 40 * 366], Gen.Int[0, 30])
            .Sample((region, kind, daysOld, daysToSubmission) =>
            {
                var policy = regions[region];
                // Given any request with every document it asks for, submitted some days after it was opened
                var request = RequestBuilder.Of(kind, policy).WithCommitmentConfirmed()
                    .WithMemberBornOn(DateOnly.FromDateTime(Now.DateTime).AddDays(-daysOld));
                var at = Now.AddDays(daysToSubmission);
                var state = Given.Requested(request, Now).WithAllDocuments(Now);

                // When it is submitted
                var submitted = Assert.IsType<BindingSubmitted>(Given.Decider.Decide(state, Given.Submit(request.MemberBirthDate), at).Events[0]);

                // Then it waits for a reviewer or for the member's face: never approved unseen
                Assert.NotEqual(BindingStatus.Approved, submitted.Next);
                Assert.True(submitted.FaceCheckRequired || submitted.Next == BindingStatus.InReview);
            });
    }
}
