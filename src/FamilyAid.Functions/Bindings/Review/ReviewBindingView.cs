
namespace FamilyAid.Functions.Bindings.Review;

/// <summary><c>GET /api/review/bindings/{id}</c>: the request as its applicant sees it, plus links to its documents.</summary>
/// <param name="BirthCertificateNumberMasked">Set when a newborn child's relation is proven by the 出生医学证明 number
/// instead of the 户口本 pages: the number, masked (the reviewer checks it against the certificate shown at the counter).</param>
/// <param name="People">Both people's names, masked IDs and ages, to check against the documents.</param>
public sealed record ReviewBindingView(
    BindingView Binding, string AuthorizerId, string MemberId, IReadOnlyList<ReviewDocumentView> Documents, string? BirthCertificateNumberMasked,
    ReviewPeopleView People);
