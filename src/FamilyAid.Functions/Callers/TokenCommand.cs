using System.Security.Claims;
using FamilyAid.Functions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FamilyAid.Functions.Callers;

/// <summary><c>FamilyAid.Functions token --sub ID [--role R] [--region R] [--institution I] [--minutes N]</c>: mints a local HS256 token.</summary>
public static class TokenCommand
{
    /// <summary>Usage line printed on bad arguments.</summary>
    public const string Usage =
        "usage: FamilyAid.Functions token --sub <id> [--role applicant|reviewer|institution|admin] [--region <region>] [--institution <id>] [--minutes <n>]";

    /// <summary>Mints a token for the given arguments with the configured signing key.</summary>
    public static string Mint(AuthSettings auth, IReadOnlyList<string> args, DateTimeOffset now)
    {
        if (auth.SigningKey is null)
        {
            throw new SettingsException("Setting 'Auth:SigningKey' is needed to mint local tokens (an authority issues them in Azure).");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException(Usage);
            }

            values[args[i][2..]] = args[i + 1];
        }

        if (!values.TryGetValue("sub", out var sub) || values.Keys.Except(["sub", "role", "region", "institution", "minutes"]).Any())
        {
            throw new ArgumentException(Usage);
        }

        var claims = new List<Claim> { new(Caller.SubClaim, sub) };
        foreach (var name in new[] { "role", "region", "institution" })
        {
            if (values.TryGetValue(name, out var value))
            {
                claims.Add(new Claim(name, value));
            }
        }

        var minutes = values.TryGetValue("minutes", out var m) && int.TryParse(m, out var parsed) && parsed > 0 ? parsed : 60;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(minutes).UtcDateTime,
            SigningCredentials = new SigningCredentials(
                CallerAuthentication.Parameters(auth).IssuerSigningKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
