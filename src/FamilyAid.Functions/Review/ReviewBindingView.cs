using FamilyAid.Functions.Bindings;

namespace FamilyAid.Functions.Review;

/// <summary><c>GET /api/review/bindings/{id}</c>: the request as its applicant sees it, plus links to its documents.</summary>
public sealed record ReviewBindingView(BindingView Binding, string AuthorizerId, string MemberId, IReadOnlyList<ReviewDocumentView> Documents);
