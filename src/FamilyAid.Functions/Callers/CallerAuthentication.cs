using System.Text;
using FamilyAid.Functions.Http;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace FamilyAid.Functions.Callers;

/// <summary>Bearer-token validation with the framework's JWT handler, and the caller check on top of it.</summary>
public static class CallerAuthentication
{
    /// <summary>The default scheme: forwards to the local tokens' scheme or to <see cref="OidcReviewers.Scheme"/>.</summary>
    private const string Selector = "bearer";

    /// <summary>Registers JWT bearer authentication configured from <see cref="AuthSettings"/>, and the <see cref="Policies"/>.</summary>
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services)
    {
        // One bearer scheme per issuer: the token's own issuer picks the scheme that validates it.
        services.AddAuthentication(Selector)
            .AddPolicyScheme(Selector, null, o => o.ForwardDefaultSelector = context =>
                OidcReviewers.Sent(context, context.RequestServices.GetRequiredService<OidcSettings>())
                    ? OidcReviewers.Scheme
                    : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddJwtBearer(OidcReviewers.Scheme);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AuthSettings>(Configure);
        services.AddOptions<JwtBearerOptions>(OidcReviewers.Scheme)
            .Configure<OidcSettings>(OidcReviewers.Configure);
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, PolicyRefusals>();
        return services;
    }

    /// <summary>The token parameters shared by validation and the local token tool.</summary>
    public static TokenValidationParameters Parameters(AuthSettings auth) => new()
    {
        ValidIssuer = auth.Issuer,
        ValidAudience = auth.Audience,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = Caller.SubClaim,
        RoleClaimType = Caller.RoleClaim,
        IssuerSigningKey = auth.SigningKey is null ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(auth.SigningKey)),
        IssuerSigningKeys = auth.PreviousSigningKeys.Select(k => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k))).ToList(),
        ValidAlgorithms = auth.SigningKey is null ? null : [SecurityAlgorithms.HmacSha256],
    };

    private static void Configure(JwtBearerOptions options, AuthSettings auth)
    {
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = auth.Authority is not null;
        options.Authority = auth.Authority;
        options.TokenValidationParameters = Parameters(auth);
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                if (Caller.From(context.Principal!) is null)
                {
                    context.Fail("The token's role and claims do not make a known caller.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = Challenge,
        };
    }

    /// <summary>Every scheme's 401: the problem, not the framework's empty answer.</summary>
    internal static async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        await Problems.Write(context.HttpContext, Problems.Unauthorized());
    }

    /// <summary>The caller of this request; endpoints that require authorization always have one.</summary>
    public static Caller GetCaller(this HttpContext context) =>
        Callers.Caller.From(context.User) ?? throw new InvalidOperationException("No authenticated caller.");

    /// <summary>Resolves options so start-up fails early on a bad authority.</summary>
    internal static JwtBearerOptions Options(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
}
