using System.Collections.Frozen;
using FamilyAid.Domain.Ledger;

namespace FamilyAid.Domain.Tests.Ledger;

/// <summary>Payer.Plan: which accounts may pay whose bill.</summary>
public sealed class PayerTests
{
    private static readonly InsuredPerson EmployeeMember = TestPeople.Member(type: InsuranceType.Employee);
    private static readonly InsuredPerson ResidentMember = TestPeople.Member(type: InsuranceType.Resident);

    private static PayingRelationship Relationship(BindingKind kind = BindingKind.Sharing, FundingMode funding = FundingMode.Pool) =>
        new(LedgerData.RelationshipId, TestPeople.AuthorizerId, TestPeople.MemberId, kind, funding);

    private static SettlementPlan Planned(
        InsuredPerson payer, PayingRelationship? relationship, RegionPolicy? policy = null,
        SpendingCategory category = SpendingCategory.Outpatient)
    {
        var (plan, refusal) = Payer.Plan(
            LedgerData.SettlementId, LedgerData.InstitutionId, payer, relationship, policy ?? RegionPolicy.Gansu, category, 10_000);
        Assert.Null(refusal);
        return Assert.IsType<SettlementPlan>(plan);
    }

    [Fact]
    public void An_employee_insured_payer_pays_first_from_their_own_personal_account() =>
        Assert.Equal(AccountId.Personal(TestPeople.MemberId), Planned(EmployeeMember, null).OwnAccount);

    [Fact]
    public void A_resident_insured_payer_has_no_own_account_to_pay_from() =>
        Assert.Null(Planned(ResidentMember, Relationship()).OwnAccount);

    [Theory]
    [InlineData(InsuranceType.Employee)]
    [InlineData(InsuranceType.Resident)]
    public void The_member_of_a_pool_funded_sharing_relationship_spends_the_authorizers_pool(InsuranceType type)
    {
        var plan = Planned(TestPeople.Member(type: type), Relationship(BindingKind.Sharing, FundingMode.Pool));

        Assert.Equal(AccountId.Pool(TestPeople.AuthorizerId), plan.FamilyAccount);
    }

    [Fact]
    public void The_member_of_a_directly_funded_sharing_relationship_spends_the_authorizers_personal_account()
    {
        var plan = Planned(ResidentMember, Relationship(BindingKind.Sharing, FundingMode.Direct), RegionPolicy.Guangdong);

        Assert.Equal(AccountId.Personal(TestPeople.AuthorizerId), plan.FamilyAccount);
    }

    [Theory]
    [InlineData(FundingMode.Pool, true)]
    [InlineData(FundingMode.Direct, true)]
    [InlineData(FundingMode.Direct, false)]
    public void A_relative_across_provinces_spends_only_the_quota_never_the_sharers_account_or_pool(FundingMode funding, bool hasQuota)
    {
        // Given a cross-province sharing relationship (跨省共济), with or without a quota reserved
        var relationship = new PayingRelationship(LedgerData.RelationshipId, TestPeople.AuthorizerId, TestPeople.MemberId, BindingKind.Sharing, funding, hasQuota)
        {
            QuotaOnly = true,
        };

        // When the relative pays a bill
        var plan = Planned(EmployeeMember, relationship);

        // Then their own account, the quota when there is one, then cash: no family account at all
        Assert.Null(plan.FamilyAccount);
        Assert.Equal(hasQuota ? AccountId.Personal(TestPeople.AuthorizerId) : null, plan.QuotaAccount);
        Assert.Equal(AccountId.Personal(TestPeople.MemberId), plan.OwnAccount);
    }

    [Theory]
    [InlineData(FundingMode.Pool, InsuranceType.Employee)]
    [InlineData(FundingMode.Pool, InsuranceType.Resident)]
    [InlineData(FundingMode.Direct, InsuranceType.Employee)]
    [InlineData(FundingMode.Direct, InsuranceType.Resident)]
    public void A_proxy_relationship_never_yields_a_family_account(FundingMode funding, InsuranceType type)
    {
        var plan = Planned(TestPeople.Member(type: type), Relationship(BindingKind.Proxy, funding));

        Assert.Null(plan.FamilyAccount);
        Assert.Equal(LedgerData.RelationshipId, plan.RelationshipId);
    }

    [Theory]
    [InlineData(FundingMode.Pool)]
    [InlineData(FundingMode.Direct)]
    public void The_authorizer_paying_with_their_own_code_pays_from_their_own_account_only(FundingMode funding)
    {
        var plan = Planned(TestPeople.Authorizer(), Relationship(BindingKind.Sharing, funding));

        Assert.Equal(AccountId.Personal(TestPeople.AuthorizerId), plan.OwnAccount);
        Assert.Null(plan.FamilyAccount);
    }

    [Fact]
    public void A_code_with_no_relationship_yields_no_family_account()
    {
        var plan = Planned(ResidentMember, null);

        Assert.Null(plan.FamilyAccount);
        Assert.Null(plan.RelationshipId);
    }

    [Fact]
    public void The_plan_records_the_bill_and_who_paid_where_before_any_money_moves()
    {
        var (plan, _) = Payer.Plan(
            "settlement-9", "pharmacy-3", EmployeeMember, Relationship(), RegionPolicy.Gansu, SpendingCategory.Pharmacy, 4_321);

        Assert.Equal(
            new SettlementPlan(
                "settlement-9", "pharmacy-3", TestPeople.MemberId, LedgerData.RelationshipId, SpendingCategory.Pharmacy, 4_321,
                AccountId.Personal(TestPeople.MemberId), AccountId.Pool(TestPeople.AuthorizerId), AccountId.Personal(TestPeople.AuthorizerId)),
            plan);
    }

    [Theory]
    [InlineData(SpendingCategory.Wellness)]
    [InlineData(SpendingCategory.Fitness)]
    [InlineData(SpendingCategory.PublicHealth)]
    public void Wellness_fitness_and_public_health_are_not_covered(SpendingCategory category)
    {
        var (plan, refusal) = Payer.Plan(
            LedgerData.SettlementId, LedgerData.InstitutionId, EmployeeMember, Relationship(), RegionPolicy.Gansu, category, 10_000);

        Assert.Null(plan);
        Assert.Equal(SettlementRefusal.CategoryNotCovered, refusal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_relatives_resident_premium_is_paid_from_accounts_only_where_the_policy_covers_it(bool covered)
    {
        var policy = RegionPolicy.Gansu with { ResidentPremiumCovered = covered };

        var (plan, refusal) = Payer.Plan(
            LedgerData.SettlementId, LedgerData.InstitutionId, EmployeeMember, Relationship(), policy, SpendingCategory.ResidentPremium, 38_000);

        Assert.Equal(covered, plan is not null);
        Assert.Equal(covered ? null : SettlementRefusal.CategoryNotCovered, refusal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_bill_must_be_positive(long bill) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Payer.Plan(
            LedgerData.SettlementId, LedgerData.InstitutionId, EmployeeMember, Relationship(), RegionPolicy.Gansu, SpendingCategory.Outpatient, bill));

    [Fact]
    public void A_bill_for_a_use_the_payer_s_version_leaves_out_is_not_covered()
    {
        // Given a version of the payer's region whose uses are pharmacy purchases only
        var pharmacyOnly = RegionPolicy.Gansu with { AllowedUses = new[] { SpendingCategory.Pharmacy }.ToFrozenSet() };

        // When an inpatient bill and a pharmacy bill are planned under it
        var (inpatient, refusal) = Payer.Plan(
            LedgerData.SettlementId, LedgerData.InstitutionId, EmployeeMember, Relationship(), pharmacyOnly, SpendingCategory.Inpatient, 10_000);
        var (pharmacy, _) = Payer.Plan(
            LedgerData.SettlementId, LedgerData.InstitutionId, EmployeeMember, Relationship(), pharmacyOnly, SpendingCategory.Pharmacy, 10_000);

        // Then the inpatient bill is not covered and the pharmacy bill is planned
        Assert.Null(inpatient);
        Assert.Equal(SettlementRefusal.CategoryNotCovered, refusal);
        Assert.NotNull(pharmacy);
    }
}
