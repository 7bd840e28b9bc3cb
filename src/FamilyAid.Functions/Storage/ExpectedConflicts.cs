using Azure.Core;
using Azure.Core.Pipeline;

namespace FamilyAid.Functions.Storage;

/// <summary>Tells the storage SDK that a 409 meaning "already exists" (a table, queue or container the app creates
/// if missing) is no error, so that its logging does not write each one as a ten-line warning (at every start, and
/// at every local timer run).</summary>
/// <remarks>The classification also decides whether the SDK throws: only codes for which "already there" is the
/// caller's success belong here (a lease held elsewhere, say, must still throw, or two instances run one timer).</remarks>
public sealed class ExpectedConflicts : HttpPipelineSynchronousPolicy
{
    /// <summary>One instance serves every client.</summary>
    public static readonly ExpectedConflicts Policy = new();

    private static readonly HashSet<string> AlreadyThere =
        new(["ContainerAlreadyExists", "QueueAlreadyExists", "TableAlreadyExists"], StringComparer.Ordinal);

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message) =>
        message.ResponseClassifier = new Classifier(message.ResponseClassifier);

    private sealed class Classifier(ResponseClassifier inner) : ResponseClassifier
    {
        public override bool IsErrorResponse(HttpMessage message) => !IsExpected(message) && inner.IsErrorResponse(message);

        public override bool IsRetriableResponse(HttpMessage message) => inner.IsRetriableResponse(message);

        public override bool IsRetriableException(Exception exception) => inner.IsRetriableException(exception);

        public override bool IsRetriable(HttpMessage message, Exception exception) => inner.IsRetriable(message, exception);

        private static bool IsExpected(HttpMessage message) =>
            message.Response.Status == 409
            && (message.Response.Headers.TryGetValue("x-ms-error-code", out var code) && AlreadyThere.Contains(code!)
                // Table creation answers its code in the body only: a 409 to POST /Tables is that table existing.
                || (message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal)));
    }
}
