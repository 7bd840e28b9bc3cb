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
            .Produces<FamilyView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> Handle(
        HttpContext http, RelationshipStore relationships, InsuredStore insured, AccountLedger ledger, CancellationToken ct)
    {
        var caller = http.GetCaller();
        if (caller.Role != CallerRole.Applicant)
        {
            return Problems.Forbidden("Family groups are seen by their authorizer and members.").ToResult();
        }

        var mine = await relationships.Of(caller.Id, ct);
        var membership = mine.FirstOrDefault(r => r.MemberId == caller.Id && r.Kind == BindingKind.Sharing)
            ?? mine.FirstOrDefault(r => r.MemberId == caller.Id);
        var authorizerId = mine.Any(r => r.AuthorizerId == caller.Id) ? caller.Id : membership?.AuthorizerId;
        if (authorizerId is null || await insured.Get(authorizerId, ct) is not { } authorizer)
        {
            return Problems.NotFound().ToResult();
        }

        var isAuthorizer = authorizerId == caller.Id;
        var group = isAuthorizer ? mine : (await relationships.Of(authorizerId, ct)).Where(r => r.AuthorizerId == authorizerId).ToList();
        group = group.Where(r => r.AuthorizerId == authorizerId).ToList();
        var members = new List<FamilyView.Member>(group.Count);
        foreach (var r in group)
        {
            if (await insured.Get(r.MemberId, ct) is { } person)
            {
                var name = isAuthorizer || r.MemberId == caller.Id ? person.Person.Name : PersonName.Mask(person.Person.Name);
                members.Add(new FamilyView.Member(r.Id, r.MemberId, name, person.ResidentIdMasked, r.Relation, r.Kind, r.Region));
            }
        }

        // Money is visible to the authorizer and to sharing members; a proxy (亲情账户) has nothing to do with it.
        var sharing = group.Where(r => r.Kind == BindingKind.Sharing && (isAuthorizer || r.MemberId == caller.Id)).ToList();
        var pooled = sharing.Any(r => RegionPolicy.For(r.Region)?.Funding == FundingMode.Pool);
        var direct = sharing.Any(r => RegionPolicy.For(r.Region)?.Funding != FundingMode.Pool);
        long? pool = pooled ? (await ledger.Balance(AccountId.Pool(authorizerId).Value, ct))?.BalanceFen ?? 0 : null;
        long? account = isAuthorizer || direct
            ? (await ledger.Balance(AccountId.Personal(authorizerId).Value, ct))?.BalanceFen ?? authorizer.PersonalAccountFen
            : null;
        return TypedResults.Ok(new FamilyView(
            authorizerId, new FamilyView.Person(authorizerId, authorizer.Person.Name), members, pool, account));
    }
}
