using Azure.Storage.Blobs;
using FamilyAid.Functions.Callers;

namespace FamilyAid.Functions.Web;

/// <summary>The Content-Security-Policy of the served pages: their own scripts and styles only (none inline), documents
/// shown from the blob endpoint's short-lived links, and calls to this app and, where one is set, the sign-in authority.</summary>
public sealed class PagePolicy(BlobServiceClient blobs, OidcSettings oidc)
{
    /// <summary>The header value.</summary>
    public string ContentSecurityPolicy { get; } = Build(Origin(blobs.Uri), oidc.Authority is { } a ? Origin(new Uri(a)) : null);

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static string Build(string documents, string? authority) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        + $"img-src 'self' blob: {documents}; frame-src {documents}; object-src 'none'; "
        + $"connect-src 'self'{(authority is null ? "" : " " + authority)}; "
        + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}
