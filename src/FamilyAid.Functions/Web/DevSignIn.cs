using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Http;

namespace FamilyAid.Functions.Web;

/// <summary><c>POST /api/dev/sign-in</c>: mints a local token for whoever asks, as the <c>token</c> tool does. Mapped only
/// when <c>ASPNETCORE_ENVIRONMENT=Development</c> (elsewhere the route does not exist: 404), so that the served pages can
/// be tried without a terminal.</summary>
public static class DevSignIn
{
    /// <summary>The function name.</summary>
    public const string Name = "DevSignIn";

    /// <summary>Who to sign in as: the token tool's options.</summary>
    public sealed record Request(string Sub, string? Role = null, string? Region = null, string? Institution = null);

    /// <summary>The token, for the page to keep in its session storage.</summary>
    public sealed record Answer(string Token, DateTimeOffset ExpiresAt);

    /// <summary>Maps the route in Development only.</summary>
    public static void Map(IEndpointRouteBuilder api, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            api.MapPost("/dev/sign-in", Handle).WithName(Name).AllowAnonymous().ExcludeFromDescription();
        }
    }

    private static async Task<IResult> Handle(HttpContext http, AuthSettings auth, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.Read<Request>(http.Request, ct);
        if (body is null)
        {
            return problem!.ToResult();
        }

        var request = body.Value;
        var args = new List<string> { "--sub", request.Sub };
        foreach (var (option, value) in new[] { ("--role", request.Role), ("--region", request.Region), ("--institution", request.Institution) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                args.AddRange([option, value]);
            }
        }

        // Lifetimes are checked against the real clock by the JWT handler, so the token is minted on it too.
        var now = DateTimeOffset.UtcNow;
        return Text.Check("sub", request.Sub, 128) is { } invalid
            ? invalid.ToResult()
            : TypedResults.Ok(new Answer(TokenCommand.Mint(auth, args, now), now.AddMinutes(60)));
    }
}
