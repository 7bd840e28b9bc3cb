namespace FamilyAid.Functions.Hosting;

/// <summary>Requests that failed by the client's doing: it went away, or its body ended early, came too slowly or grew
/// past a limit. Logged as one Information line without a stack trace, not as the app's error.</summary>
public static partial class ClientFaults
{
    /// <summary>The server's refusal of the client's request behind <paramref name="error"/>, if that is what it is
    /// (the storage SDK may wrap it while it reads the body).</summary>
    public static BadHttpRequestException? Of(Exception? error) => error switch
    {
        BadHttpRequestException bad => bad,
        { InnerException: BadHttpRequestException bad } => bad,
        AggregateException { InnerExceptions: [BadHttpRequestException bad] } => bad,
        _ => null,
    };

    /// <summary>Notes each client fault once, then lets it on to the exception handler, which answers it (and, for
    /// these, writes no diagnostics of its own: see <see cref="App"/>).</summary>
    public static IApplicationBuilder UseClientFaults(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when (StatusOf(context, e) is { } status)
            {
                Log(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientFaults)), status, (Of(e) ?? e).Message);
                throw;
            }
        });

    private static int? StatusOf(HttpContext context, Exception e) =>
        Of(e)?.StatusCode
        ?? (context.RequestAborted.IsCancellationRequested && e is IOException or OperationCanceledException ? StatusCodes.Status499ClientClosedRequest : null);

    // The reason is the server's fixed text ("Unexpected end of request content."); it quotes nothing the client sent.
    [LoggerMessage(LogLevel.Information, "The client's request failed ({Status}): {Reason}")]
    private static partial void Log(ILogger logger, int status, string reason);
}
