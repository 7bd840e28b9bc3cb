using FamilyAid.Domain.Bindings;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Insured;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Families;

/// <summary><c>GET /api/families/mine</c>: the caller's family group — the one they authorize, else the one they are a
/// member of — with its members and the balances the caller may see.</summary>
public static class GetMyFamily
{
    /// <summary>The function name.</summary>
    public const string Name = "GetMyFamily";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/families/mine", Handle).WithName(Name).WithTags("Families and money")
            .RequireAuthorization(Policies.Applicant)
            .WhenForbidden("Family groups are seen by their authorizer and members.")
            .Produces<FamilyView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read my family group")
            .WithDescription(
                "The group the caller authorizes, else the one they are a member of (a sharing membership first): its people, with "
                + "other people's names masked for members, and the pool and the authorizer's account where the caller may see them.");

    private static async Task<IResult> Handle(
        HttpContext http, RelationshipStore relationships, InsuredStore insured, AccountLedger ledger, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var mine = await relationships.Of(caller.Id, ct);
        var membership = mine.FirstOrDefault(r => r.MemberId == caller.Id && r.Kind == BindingKind.Sharing)
            ?? mine.FirstOrDefault(r => r.MemberId == caller.Id);
        var authorizerId = mine.Any(r => r.AuthorizerId == caller.Id) ? caller.Id : membership?.AuthorizerId;
        if (authorizerId is null || await insured.Get(authorizerId, ct) is not { } authorizer)
        {
            return Problems.NotFound().ToResult();
        }

        var isAuthorizer = authorizerId == caller.Id;
        var group = (isAuthorizer ? mine : await relationships.Of(authorizerId, ct)).Where(r => r.AuthorizerId == authorizerId).ToList();
        var people = await Task.WhenAll(group.Select(r => insured.Get(r.MemberId, ct)));
        var members = new List<FamilyView.Member>(group.Count);
        foreach (var (r, person) in group.Zip(people))
        {
            if (person is not null)
            {
                members.Add(new FamilyView.Member(r.Id, r.MemberId, NameFor(caller.Id, isAuthorizer, r.MemberId, person.Person.Name), person.ResidentIdMasked, r.Relation, r.Kind, r.Region));
            }
        }

        // Money is visible to the authorizer and to sharing members; a proxy (亲情账户) has nothing to do with it.
        var sharing = group.Where(r => r.Kind == BindingKind.Sharing && (isAuthorizer || r.MemberId == caller.Id)).ToList();
        var pooled = sharing.Any(r => RegionPolicy.For(r.Region)?.Funding == FundingMode.Pool);
        var direct = sharing.Any(r => RegionPolicy.For(r.Region)?.Funding != FundingMode.Pool);
        var poolRead = pooled ? ledger.Balance(AccountId.Pool(authorizerId).Value, ct) : null;
        var accountRead = isAuthorizer || direct ? ledger.Balance(AccountId.Personal(authorizerId).Value, ct) : null;
        long? pool = poolRead is null ? null : (await poolRead)?.BalanceFen ?? 0;
        long? account = accountRead is null ? null : (await accountRead)?.BalanceFen ?? authorizer.PersonalAccountFen;
        return TypedResults.Ok(new FamilyView(
            authorizerId, new FamilyView.Person(authorizerId, NameFor(caller.Id, isAuthorizer, authorizerId, authorizer.Person.Name)), members, pool, account));
    }

    // Members see their own name and the others' masked; the authorizer sees every name.
    private static string NameFor(string callerId, bool callerIsAuthorizer, string personId, string name) =>
        callerIsAuthorizer || personId == callerId ? name : PersonName.Mask(name);
}
