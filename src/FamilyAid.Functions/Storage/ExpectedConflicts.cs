using Azure.Core;
using Azure.Core.Pipeline;

namespace FamilyAid.Functions.Storage;

/// <summary>Tells the storage SDK that a 409 meaning "already there" (a table, queue or container the app creates if
/// missing; a timer's lock another instance holds) is no error, so that its logging does not write each one as a
/// ten-line warning (at every start, and at every timer occurrence). The calls still see the 409 as before.</summary>
public sealed class ExpectedConflicts : HttpPipelineSynchronousPolicy
{
    /// <summary>One instance serves every client.</summary>
    public static readonly ExpectedConflicts Policy = new();

    private static readonly HashSet<string> AlreadyThere =
        new(["ContainerAlreadyExists", "QueueAlreadyExists", "TableAlreadyExists", "LeaseAlreadyPresent"], StringComparer.Ordinal);

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
