using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Relationships;
using FamilyAid.Functions.Settlements;

namespace FamilyAid.Functions.Tests.Security;

/// <summary>Who may call a route is decided by its policy before the handler reads anything; whose object it is, by
/// the aggregate's access rules.</summary>
[Collection(AppCollection.Name)]
public sealed class PolicyTests(FamilyAidApp app)
{
    [Fact]
    public async Task A_caller_the_route_s_policy_refuses_is_forbidden_before_the_input_is_read()
    {
        // Given a reviewer, who has no account, and a query value that does not parse
        using var reviewer = app.Reviewer("guangdong");

        // When they ask for a statement with it
        var response = await reviewer.GetAsync("/api/accounts/mine/entries?take=abc");

        // Then the route's 403 answers, with its detail, not the malformed value's 400
        var problem = await Api.ExpectProblem(response, HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal("Statements are for account holders.", problem["detail"]?.GetValue<string>());
    }

    private static Settlement SettledAt(string institution) =>
        Settlement.Start(new SettlementPlan("s-1", institution, "payer", null, SpendingCategory.Pharmacy, 1_000, AccountId.Personal("payer"), null));

    [Fact]
    public void Only_the_institution_that_settled_stands_to_a_settlement()
    {
        // Given a settlement made at hospital-1
        var settlement = SettledAt("hospital-1");

        // When each kind of caller is weighed against it
        // Then only hospital-1 stands to it; another institution and everyone else are told it does not exist
        Assert.Equal(SettlementAccess.SettlingInstitution, SettlementAccessRules.Of(new Caller("i", CallerRole.Institution, null, "hospital-1"), settlement));
        Assert.Equal(SettlementAccess.None, SettlementAccessRules.Of(new Caller("i", CallerRole.Institution, null, "hospital-2"), settlement));
        Assert.Equal(SettlementAccess.None, SettlementAccessRules.Of(new Caller("payer", CallerRole.Applicant, null, null), settlement));
        Assert.Equal(SettlementAccess.None, SettlementAccessRules.Of(new Caller("hospital-1", CallerRole.Admin, null, null), settlement));
    }

    [Fact]
    public void Only_the_two_people_of_a_relationship_stand_to_it()
    {
        // Given a relationship between an authorizer and a member
        var relationship = new RelationshipRecord("r-1", "a", "m", BindingKind.Sharing, Relation.Child, "gansu", FamilyAidApp.Start);

        // When callers are weighed against it
        // Then its authorizer and member stand to it as such; a stranger, or staff with the same subject, do not
        Assert.Equal(RelationshipAccess.Authorizer, RelationshipAccessRules.Of(new Caller("a", CallerRole.Applicant, null, null), relationship));
        Assert.Equal(RelationshipAccess.Member, RelationshipAccessRules.Of(new Caller("m", CallerRole.Applicant, null, null), relationship));
        Assert.Equal(RelationshipAccess.None, RelationshipAccessRules.Of(new Caller("x", CallerRole.Applicant, null, null), relationship));
        Assert.Equal(RelationshipAccess.None, RelationshipAccessRules.Of(new Caller("m", CallerRole.Reviewer, "gansu", null), relationship));
    }
}
