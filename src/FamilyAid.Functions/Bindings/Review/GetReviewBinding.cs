using FamilyAid.Domain.Policy;
using FamilyAid.Domain.Bindings;
using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Bindings.Documents;
using FamilyAid.Functions.Bindings.Workflow;
using FamilyAid.Functions.Insured;

namespace FamilyAid.Functions.Bindings.Review;

/// <summary><c>GET /api/review/bindings/{id}</c>: a reviewer of the request's region reads it, with read-only
/// links to each document that expire after <c>Documents:LinkMinutes</c>; every issued link is audited.</summary>
public static class GetReviewBinding
{
    /// <summary>The function name.</summary>
    public const string Name = "GetReviewBinding";

    /// <summary>Maps the route.</summary>
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/review/bindings/{id}", Handle).WithName(Name).WithTags("Review")
            .Produces<ReviewBindingView>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Read a binding request for review")
            .WithDescription(
                "A reviewer of its region sees the request, the people's ids, names, masked resident IDs and ages, and read-only links to its documents that expire after "
                + "`Documents__LinkMinutes` (5); issuing them is audited. Its authorizer and its member get 403.");

    private static async Task<IResult> Handle(
        string id, HttpContext http, BindingStreamStore streams, DocumentStore documents, AuditLog audit,
        DocumentSettings settings, InsuredStore insured, PolicyBook policies, TimeProvider clock, CancellationToken ct)
    {
        var caller = http.GetCaller();
        var (loaded, denied) = await BindingLookup.For(streams, id, caller, BindingAccess.Reviewer, "Only a reviewer of the request's region reads it here.", ct);
        if (denied is not null)
        {
            return denied.ToResult();
        }

        var state = loaded!.State;
        var expires = clock.GetUtcNow().Add(settings.LinkLifetime);
        var views = Links(state, await documents.Links(expires, ct), expires);
        // Every reviewer read is audited, with the documents it could open and until when.
        var linked = views.Where(v => v.Uploaded).Select(v => DocumentTypes.ToWire(v.Type)).ToList();
        await audit.Record(caller, "review-read", state.Id,
            linked.Count == 0 ? "no documents" : $"links to {string.Join(",", linked)} until {expires:O}", ct);

        var events = await streams.Events(id, ct);
        // The proof given at intake is on the requested event only: the state keeps no copy of it.
        var birthCertificate = events.Select(e => e.Event).OfType<BindingRequested>().FirstOrDefault()?.BirthCertificate;
        return TypedResults.Ok(new ReviewBindingView(BindingView.Of(state, events, policies), state.AuthorizerId, state.MemberId, views,
            birthCertificate?.Masked, await ReviewPeople.Of(insured, state, clock.GetUtcNow(), ct)));
    }

    private static List<ReviewDocumentView> Links(BindingState state, DocumentLinks links, DateTimeOffset expires) =>
        state.RequiredDocuments.Select(type => state.Documents.TryGetValue(type, out var d)
            ? new ReviewDocumentView(type, true, d.Sha256, d.Size, d.ContentType, links.ReadLink(d.BlobName), expires)
            : new ReviewDocumentView(type, false, null, null, null, null, null)).ToList();
}
