using FamilyAid.Domain.Insurance;

namespace FamilyAid.Domain.Tests.Insurance;

/// <summary>Which reports of an insured person end every relationship they are in.</summary>
public sealed class InsuranceChangeTests
{
    private static readonly InsuredPerson Insured =
        new("p-1", "张伟", new DateOnly(1960, 1, 1), InsuranceType.Employee, InsuranceStatus.Normal, "gansu");

    [Theory]
    [InlineData(InsuranceStatus.Suspended, "gansu", "insurance ended")]
    [InlineData(InsuranceStatus.Normal, "guangdong", "insurance moved to another region")]
    [InlineData(InsuranceStatus.Suspended, "guangdong", "insurance ended")]
    [InlineData(InsuranceStatus.Normal, "gansu", null)]
    public void Insurance_ending_or_moving_region_ends_the_relationships_and_nothing_else_does(InsuranceStatus status, string region, string? why)
    {
        // Given a person insured in gansu
        // When the platform reports them with this status and region
        // Then their relationships end for that reason, or go on
        Assert.Equal(why, InsuranceChange.EndsRelationships(Insured, status, region));
    }

    [Fact]
    public void A_first_report_or_a_suspended_person_reported_suspended_again_ends_nothing()
    {
        Assert.Null(InsuranceChange.EndsRelationships(null, InsuranceStatus.Suspended, "gansu"));
        Assert.Null(InsuranceChange.EndsRelationships(Insured with { Status = InsuranceStatus.Suspended }, InsuranceStatus.Suspended, "gansu"));
    }
}
