namespace FamilyAid.Functions.Http;

/// <summary>One problem <c>code</c> the API may answer with: its usual status and an English title for people.</summary>
public sealed record ProblemCode(string Code, int Status, string Title);

/// <summary>Every problem code the API can answer with, in one list: the OpenAPI document names them (the problem schema's
/// <c>code</c> enum), docs/API.md and the served pages explain them. ProblemCatalogTests fail when code in src writes a
/// code that is not here, or this lists one nothing writes.</summary>
public static class ProblemCatalog
{
    /// <summary>The codes, by area, each once.</summary>
    public static readonly IReadOnlyList<ProblemCode> All =
    [
        // Any route (Hosting, Http): the framework's refusals, bodies, tokens, idempotency, limits, failures.
        new("bad-request", 400, "The request is malformed."),
        new("invalid-json", 400, "The body is not valid JSON for this request."),
        new("invalid-request", 400, "The request is not valid."),
        new("unauthorized", 401, "A valid bearer token is required."),
        new("forbidden", 403, "You may not do this."),
        new("not-found", 404, "Not found."),
        new("method-not-allowed", 405, "This method is not allowed here."),
        new("concurrent-update", 409, "The request changed while this was decided; try again."),
        new("body-too-large", 413, "The request body is too large."),
        new("unsupported-media-type", 415, "This content type is not accepted here."),
        new("rate-limited", 429, "Too many requests; try again later."),
        new("request-headers-too-large", 431, "The request headers are too large."),
        new("cancelled", 499, "The request was cancelled."),
        new("internal-error", 500, "Something went wrong on our side; it has been logged."),
        new("storage-unavailable", 503, "Storage is not available; try again shortly."),
        new("error", 400, "The request failed (any other status the framework refuses with)."),
        new("idempotency-key-required", 400, "This request moves money: send an Idempotency-Key header."),
        new("invalid-idempotency-key", 400, "Idempotency-Key must be 1–255 printable ASCII characters."),
        new("idempotency-conflict", 409, "This Idempotency-Key was used with another request body."),
        new("request-in-progress", 409, "A request with this Idempotency-Key is still running."),

        // Values and callers.
        new("invalid-resident-id", 400, "The resident ID number is not valid."),
        new("unknown-region", 400, "Unknown region."),
        new("unknown-division", 400, "Unknown division code."),
        new("institution-not-designated", 403, "This institution may not settle."),

        // Binding requests, their documents and the face check (家庭共济, 亲情账户).
        new("invalid-birth-certificate-number", 400, "The birth certificate number is not valid."),
        new("authorizer-not-eligible", 422, "You may not authorize this binding."),
        new("member-not-insured", 422, "The member has no insurance in force."),
        new("member-mismatch", 422, "The member's name does not match the insured record."),
        new("relation-not-allowed", 422, "This relation cannot be bound in this region."),
        new("already-in-group", 409, "A family-group rule forbids this binding."),
        new("duplicate-request", 409, "An open request for this member exists already."),
        new("missing-documents", 422, "Documents are missing."),
        new("document-not-required", 422, "This request does not take that document."),
        new("documents-locked", 409, "Documents cannot change after the request is submitted."),
        new("already-submitted", 409, "The request was submitted already."),
        new("already-final", 409, "The request is finished already."),
        new("not-in-review", 409, "The request is not waiting for review."),
        new("not-awaiting-face-check", 409, "The request is not waiting for a face check."),
        new("unknown-face-check-session", 409, "That face-check session is not the open one."),
        new("birth-certificate-not-applicable", 422, "A birth certificate number proves nothing for this member."),
        new("proxy-limit", 409, "You act for as many people as one person may."),
        new("cross-province-not-open", 422, "Sharing across provinces is not open on this date."),
        new("no-policy-in-force", 422, "No policy version of this region is in force on this date."),
        new("unsupported-document", 415, "Documents must be JPEG, PNG or PDF."),
        new("document-too-large", 413, "The document is too large."),
        new("consent-required", 422, "Consent to biometric processing is needed for a face check."),
        new("invalid-signature", 401, "The callback signature is missing, wrong or too old."),
        new("unknown-session", 404, "No face-check session has that id."),

        // Money: settlements, transfers, payment codes, quotas, premiums.
        new("category-not-covered", 422, "This category may not be paid from a medical-insurance account."),
        new("invalid-payment-code", 422, "The payment code is not valid."),
        new("category-not-allowed-for-institution", 422, "This institution may not settle this category."),
        new("no-remote-registration", 422, "The patient has no remote-treatment registration covering today."),
        new("no-family-pool", 422, "You do not authorize a family group that keeps a pool."),
        new("insufficient-balance", 422, "The balance does not hold this much."),
        new("not-in-family", 403, "Only a member or the authorizer of an active relationship may show a payment code."),
        new("premium-already-paid", 409, "This premium was paid already."),
        new("premium-not-allowed", 422, "Your region's policy does not allow paying this premium."),

        // Remote-treatment registrations (异地就医备案).
        new("destination-is-home", 422, "The destination is in the person's own province."),
        new("start-date-out-of-range", 422, "The start date is out of range."),
        new("end-date-too-early", 422, "The end date is too early."),
        new("referral-required", 422, "A referral registration needs its referral."),
        new("proof-not-accepted", 422, "The region accepts no proof documents."),
        new("overlapping-registration", 409, "Another registration of this person covers some of these days."),
        new("registration-not-open", 409, "The registration is not open to this."),

        // Platform sync: a line of an import refused.
        new("unknown-person", 404, "No insured person has this resident ID."),
    ];
}
