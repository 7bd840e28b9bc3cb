namespace FamilyAid.Domain.Tests.Bindings;

/// <summary>Which version judges a new request: the region's in force on its date, or the national cross-province rule.</summary>
public class JudgingPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    private static readonly RegionPolicy National2026 = RegionPolicy.National with
    {
        Version = "national-2026", EffectiveFrom = new DateOnly(2026, 1, 9), CrossProvince = new CrossProvinceRule(false, 16),
    };

    private static readonly PolicyBook Book = PolicyBook.Of([RegionPolicy.National, National2026, RegionPolicy.Guangdong, RegionPolicy.Gansu]).Book!;

    private static readonly InsuredPerson Sharer = TestPeople.Authorizer();

    private static InsuredPerson ParentIn(string region, DateOnly? born = null) =>
        TestPeople.Member(born ?? new DateOnly(1955, 1, 1)) with { Region = region };

    private static IntakeFacts Facts(InsuredPerson member) => new(Sharer, member, [], [], []);

    [Theory]
    [InlineData("national")]
    [InlineData("guangdong")]
    public void Sharing_with_a_parent_insured_in_another_province_follows_the_national_cross_province_rule(string region)
    {
        // Given a guangdong employee and a parent insured in gansu, on 2026-03-02
        // When the sharing request is judged
        var (policy, refusal) = JudgingPolicy.For(Book, BindingKind.Sharing, region, Facts(ParentIn("gansu")), new DateOnly(2026, 3, 2));

        // Then the national 2026 version judges it: near relatives, no agency review, face check from 16, guangdong's documents
        Assert.Null(refusal);
        Assert.Equal(("national-2026", region), (policy!.Version, policy.Region));
        Assert.Contains(Relation.Sibling, (IReadOnlySet<Relation>)policy.AllowedRelations);
        Assert.False(policy.AgencyReview);
        Assert.Equal(16, policy.FaceCheckMinAge);
        Assert.Equal(RegionPolicy.FullDocuments, policy.RequiredDocuments);
    }

    [Fact]
    public void Before_2026_01_09_sharing_across_provinces_is_refused()
    {
        // Given the same pair on 2026-01-08, the day before the cross-province notice
        var (policy, refusal) = JudgingPolicy.For(Book, BindingKind.Sharing, "national", Facts(ParentIn("gansu")), new DateOnly(2026, 1, 8));

        // Then no version may judge it
        Assert.Null(policy);
        Assert.Equal(BindingRefusal.CrossProvinceNotOpen, refusal);
    }

    [Fact]
    public void Within_one_province_and_for_a_proxy_the_region_s_own_version_judges()
    {
        var today = new DateOnly(2026, 3, 2);

        Assert.Equal("guangdong-2023", JudgingPolicy.For(Book, BindingKind.Sharing, "guangdong", Facts(ParentIn("guangdong")), today).Policy!.Version);
        Assert.Equal("guangdong-2023", JudgingPolicy.For(Book, BindingKind.Proxy, "guangdong", Facts(ParentIn("gansu")), today).Policy!.Version);
        // A request under another region's rules is not cross-province: eligibility refuses it (the account follows its region).
        Assert.Equal("gansu-2024", JudgingPolicy.For(Book, BindingKind.Sharing, "gansu", Facts(ParentIn("gansu")), today).Policy!.Version);
    }

    [Fact]
    public void A_cross_province_request_records_the_national_version_and_needs_no_review_for_a_member_of_16()
    {
        // Given a cross-province request judged by the national 2026 version, for a parent over 16
        var (policy, _) = JudgingPolicy.For(Book, BindingKind.Sharing, "national", Facts(ParentIn("gansu")), new DateOnly(2026, 3, 2));
        var request = RequestBuilder.Sharing(policy).For(Relation.Parent).WithMember(ParentIn("gansu")).Build();

        // When it is decided
        var requested = Assert.IsType<BindingRequested>(Assert.Single(Given.Decider.Decide(null, request, Now).Events));

        // Then the event names the version, asks guangdong's documents and a face check, and no agency review
        Assert.Equal("national-2026", requested.PolicyVersion);
        Assert.True(requested.FaceCheckRequired);
        Assert.False(requested.ReviewRequired);
        Assert.Equal(RegionPolicy.FullDocuments, requested.RequiredDocuments);
    }

    [Fact]
    public void A_cross_province_member_under_16_proves_the_relation_and_is_reviewed()
    {
        // Given a cross-province request for a child of 9
        var child = ParentIn("gansu", new DateOnly(2017, 1, 1));
        var (policy, _) = JudgingPolicy.For(Book, BindingKind.Sharing, "national", Facts(child), new DateOnly(2026, 3, 2));
        var request = RequestBuilder.Sharing(policy).WithMember(child).Build();

        // When it is decided
        var requested = Assert.IsType<BindingRequested>(Assert.Single(Given.Decider.Decide(null, request, Now).Events));

        // Then no face check, and the 户口本 pages are reviewed (UnverifiedMemberPolicy)
        Assert.False(requested.FaceCheckRequired);
        Assert.True(requested.ReviewRequired);
        Assert.Contains(DocumentType.HukouMember, requested.RequiredDocuments);
    }

    [Fact]
    public void Only_an_employee_insured_sharer_may_share_across_provinces()
    {
        // Given a resident-insured sharer and a parent in gansu
        var facts = new IntakeFacts(TestPeople.Authorizer(InsuranceType.Resident), ParentIn("gansu"), [], [], []);
        var (policy, _) = JudgingPolicy.For(Book, BindingKind.Sharing, "national", facts, new DateOnly(2026, 3, 2));

        // When eligibility is checked, Then the sharer is not eligible
        var request = RequestBuilder.Sharing(policy).WithAuthorizer(facts.Authorizer).WithMember(ParentIn("gansu")).Build();
        Assert.Equal(BindingRefusal.AuthorizerNotEligible, BindingEligibility.Check(request));
    }
}
