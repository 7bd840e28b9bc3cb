using System.Collections.Frozen;

namespace FamilyAid.Domain.Tests.Policy;

/// <summary>The proof asked when the face check is skipped, as policy data beside the region rules.</summary>
public class UnverifiedMemberPolicyTests
{
    [Theory]
    [InlineData("guangdong")]
    [InlineData("gansu")]
    [InlineData("national")]
    public void Every_region_shares_the_default(string region)
    {
        // Given a region's policy, When its proof for members under the face-check age is read, Then it is the shared default
        Assert.Same(UnverifiedMemberPolicy.Default, RegionPolicy.For(region)!.UnverifiedMember);
        Assert.Same(UnverifiedMemberPolicy.Default, UnverifiedMemberPolicy.Of(region));
    }

    [Fact]
    public void The_default_asks_both_hukou_pages_takes_a_newborn_childs_birth_certificate_and_is_reviewed()
    {
        var proof = UnverifiedMemberPolicy.Default;

        Assert.Equal([DocumentType.HukouHome, DocumentType.HukouMember], proof.Documents.ToArray());
        Assert.Equal(1, proof.NewbornUnderYears);
        Assert.Equal([Relation.Child], proof.BirthCertificateRelations.ToArray());
        Assert.True(proof.AgencyReview);
    }

    [Fact]
    public void An_unknown_region_gets_the_default()
    {
        Assert.Same(UnverifiedMemberPolicy.Default, UnverifiedMemberPolicy.Of("atlantis"));
    }

    [Theory]
    [InlineData("2026-06-01", Relation.Child, true)] // born today
    [InlineData("2025-06-02", Relation.Child, true)] // one tomorrow
    [InlineData("2025-06-01", Relation.Child, false)] // one today
    [InlineData("2026-06-01", Relation.Grandchild, false)]
    [InlineData("2026-06-01", Relation.MaternalGrandchild, false)]
    [InlineData("2026-06-01", Relation.Sibling, false)]
    public void A_birth_certificate_stands_in_for_a_child_under_one(string birth, Relation relation, bool takes)
    {
        var today = new DateOnly(2026, 6, 1);

        Assert.Equal(takes, UnverifiedMemberPolicy.Default.TakesBirthCertificate(relation, China.Date(birth), today));
    }

    [Fact]
    public void A_region_may_say_otherwise_as_data()
    {
        // Given a region whose proof is the member's page only and takes birth certificates for grandchildren too
        var proof = UnverifiedMemberPolicy.Default with
        {
            Documents = [DocumentType.HukouMember],
            BirthCertificateRelations = new[] { Relation.Child, Relation.Grandchild }.ToFrozenSet(),
        };
        var region = RegionPolicy.Gansu with { UnverifiedMember = proof };

        // When a request for a six-year-old is opened there
        var requested = (BindingRequested)Given.Decider.Decide(
            null, RequestBuilder.Sharing(region).WithCommitmentConfirmed().WithMemberBornOn(new DateOnly(2020, 3, 3)).Build(), Given.Now).Events[0];

        // Then the region's own proof is asked
        Assert.Equal([DocumentType.HukouMember], requested.RequiredDocuments.ToArray());
        Assert.True(proof.TakesBirthCertificate(Relation.Grandchild, new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1)));
    }
}
