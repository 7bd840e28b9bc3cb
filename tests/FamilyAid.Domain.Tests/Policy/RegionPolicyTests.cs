namespace FamilyAid.Domain.Tests.Policy;

/// <summary>The rules table of DESIGN.md, row by row.</summary>
public class RegionPolicyTests
{
    private static readonly DocumentType[] IdCardsHukouAndCommitment =
    [
        DocumentType.AuthorizerIdFront, DocumentType.AuthorizerIdBack,
        DocumentType.MemberIdFront, DocumentType.MemberIdBack,
        DocumentType.HukouHome, DocumentType.HukouMember,
        DocumentType.CommitmentLetter,
    ];

    [Theory]
    // guangdong: spouse, parents, children (国办发〔2021〕14号)
    [InlineData("guangdong", Relation.Spouse, true)]
    [InlineData("guangdong", Relation.Parent, true)]
    [InlineData("guangdong", Relation.Child, true)]
    [InlineData("guangdong", Relation.Sibling, false)]
    [InlineData("guangdong", Relation.Grandparent, false)]
    [InlineData("guangdong", Relation.MaternalGrandparent, false)]
    [InlineData("guangdong", Relation.Grandchild, false)]
    [InlineData("guangdong", Relation.MaternalGrandchild, false)]
    // gansu: also siblings, paternal and maternal grandparents and grandchildren
    [InlineData("gansu", Relation.Spouse, true)]
    [InlineData("gansu", Relation.Parent, true)]
    [InlineData("gansu", Relation.Child, true)]
    [InlineData("gansu", Relation.Sibling, true)]
    [InlineData("gansu", Relation.Grandparent, true)]
    [InlineData("gansu", Relation.MaternalGrandparent, true)]
    [InlineData("gansu", Relation.Grandchild, true)]
    [InlineData("gansu", Relation.MaternalGrandchild, true)]
    // national: near relatives (近亲属), as gansu
    [InlineData("national", Relation.Spouse, true)]
    [InlineData("national", Relation.Parent, true)]
    [InlineData("national", Relation.Child, true)]
    [InlineData("national", Relation.Sibling, true)]
    [InlineData("national", Relation.Grandparent, true)]
    [InlineData("national", Relation.MaternalGrandparent, true)]
    [InlineData("national", Relation.Grandchild, true)]
    [InlineData("national", Relation.MaternalGrandchild, true)]
    public void Relatives_who_may_be_bound(string region, Relation relation, bool allowed)
    {
        var policy = RegionPolicy.For(region)!;

        Assert.Equal(allowed, policy.AllowedRelations.Contains(relation));
    }

    [Theory]
    [InlineData("guangdong", true)]
    [InlineData("gansu", false)]
    [InlineData("national", true)]
    public void Documents(string region, bool idCardsHukouAndSignedCommitment)
    {
        var policy = RegionPolicy.For(region)!;

        if (idCardsHukouAndSignedCommitment)
        {
            // ID card front+back of both, 户口本 home page and member page, signed commitment letter
            Assert.Equal(IdCardsHukouAndCommitment, policy.RequiredDocuments.ToArray());
        }
        else
        {
            Assert.Empty(policy.RequiredDocuments);
        }
    }

    [Theory]
    //          region,      commitmentInApp, review, faceCheckAge, groups,                              funding,           premium
    [InlineData("guangdong", false, true, 16, GroupLimit.OnePerPerson, FundingMode.Direct, true)]
    [InlineData("gansu", true, false, 16, GroupLimit.OneAsCreatorOneAsMember, FundingMode.Pool, true)]
    [InlineData("national", false, true, 16, GroupLimit.OnePerPerson, FundingMode.Direct, true)]
    public void Region_rules(
        string region,
        bool commitmentConfirmedInApp,
        bool agencyReview,
        int faceCheckMinAge,
        GroupLimit groupLimit,
        FundingMode funding,
        bool residentPremiumCovered)
    {
        var policy = RegionPolicy.For(region)!;

        Assert.Equal(region, policy.Region);
        Assert.Equal(commitmentConfirmedInApp, policy.CommitmentConfirmedInApp);
        Assert.Equal(agencyReview, policy.AgencyReview);
        Assert.Equal(faceCheckMinAge, policy.FaceCheckMinAge);
        Assert.Equal(groupLimit, policy.GroupLimit);
        Assert.Equal(funding, policy.Funding);
        Assert.Equal(residentPremiumCovered, policy.ResidentPremiumCovered);
    }

    [Fact]
    public void For_finds_each_known_region_by_its_code()
    {
        Assert.Same(RegionPolicy.Guangdong, RegionPolicy.For("guangdong"));
        Assert.Same(RegionPolicy.Gansu, RegionPolicy.For("gansu"));
        Assert.Same(RegionPolicy.National, RegionPolicy.For("national"));
        Assert.Equal(["gansu", "guangdong", "national"], RegionPolicy.All.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("beijing")]
    [InlineData(" guangdong")]
    [InlineData("guangdong ")]
    public void For_an_unknown_region_is_null(string? region)
    {
        Assert.Null(RegionPolicy.For(region));
    }
}
