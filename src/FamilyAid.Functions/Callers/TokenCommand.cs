using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Security.Claims;
using FamilyAid.Functions.Settings;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FamilyAid.Functions.Callers;

/// <summary><c>FamilyAid.Functions token --sub ID [--role R] [--region R] [--institution I] [--minutes N]</c>: mints a local HS256 token.</summary>
public static class TokenCommand
{
    /// <summary>Usage line printed on bad arguments.</summary>
    public const string Usage =
        "usage: FamilyAid.Functions token --sub <id> [--role applicant|reviewer|institution|admin] [--region <region>] [--institution <id>] [--minutes <n>]";

    /// <summary>Exit code for arguments the command refuses.</summary>
    public const int BadArguments = 2;

    // No @response-file expansion: the arguments are exactly what was typed.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    /// <summary>Runs the command on the arguments after <c>token</c>: the token on <paramref name="output"/> (0), help (0), or what is
    /// wrong and <see cref="Usage"/> on <paramref name="error"/> (<see cref="BadArguments"/>). Settings are read only to mint.</summary>
    public static int Run(IReadOnlyList<string> args, Func<AuthSettings> auth, TimeProvider time, TextWriter output, TextWriter error)
    {
        var line = new TokenLine();
        line.Command.SetAction(result => output.WriteLine(Mint(auth(), line.Read(result), time.GetUtcNow())));
        var result = line.Command.Parse(args, Parsing);
        if (result.Action is ParseErrorAction)
        {
            foreach (var problem in result.Errors)
            {
                error.WriteLine(problem.Message);
            }

            error.WriteLine(Usage);
            return BadArguments;
        }

        // A missing signing key is the caller's to report (Program says the app cannot start).
        return result.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = output, Error = error });
    }

    /// <summary>Mints a token for the given arguments (as typed after <c>token</c>) with the configured signing key.</summary>
    /// <exception cref="ArgumentException">The arguments are refused; the message says why and ends with <see cref="Usage"/>.</exception>
    public static string Mint(AuthSettings auth, IReadOnlyList<string> args, DateTimeOffset now)
    {
        var line = new TokenLine();
        var result = line.Command.Parse(args, Parsing);
        return result.Errors.Count == 0
            ? Mint(auth, line.Read(result), now)
            : throw new ArgumentException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message).Append(Usage)));
    }

    private static string Mint(AuthSettings auth, TokenRequest request, DateTimeOffset now)
    {
        if (auth.SigningKey is null)
        {
            throw new SettingsException("Setting 'Auth:SigningKey' is needed to mint local tokens (an authority issues them in Azure).");
        }

        var claims = new List<Claim> { new(Caller.SubClaim, request.Sub) };
        foreach (var (name, value) in new[] { ("role", request.Role), ("region", request.Region), ("institution", request.Institution) })
        {
            if (value is not null)
            {
                claims.Add(new Claim(name, value));
            }
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(request.Minutes).UtcDateTime,
            SigningCredentials = new SigningCredentials(
                CallerAuthentication.Parameters(auth).IssuerSigningKey, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    /// <summary>What to put in the token.</summary>
    private sealed record TokenRequest(string Sub, string? Role, string? Region, string? Institution, int Minutes);

    /// <summary>The command's options. Roles are not checked here: tests mint tokens the app must refuse.</summary>
    private sealed class TokenLine
    {
        private readonly Option<string> sub = new("--sub") { Description = "The caller's id: an insured person's, or a staff or institution user's.", Required = true };
        private readonly Option<string> role = new("--role") { Description = "applicant (the default), reviewer, institution or admin." };
        private readonly Option<string> region = new("--region") { Description = "The region a reviewer reviews." };
        private readonly Option<string> institution = new("--institution") { Description = "The institution an institution user works for." };
        private readonly Option<int> minutes = new("--minutes")
        {
            Description = "How long the token is valid.",
            DefaultValueFactory = _ => 60,
            CustomParser = result =>
            {
                if (int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                {
                    return n;
                }

                result.AddError("--minutes must be a whole number above 0.");
                return 0;
            },
        };

        public TokenLine()
        {
            Command = new Command("token", "Mints a bearer token signed with Auth:SigningKey, for local use.") { sub, role, region, institution, minutes };
            Command.Options.Add(new System.CommandLine.Help.HelpOption());
        }

        public Command Command { get; }

        public TokenRequest Read(ParseResult result) =>
            new(result.GetRequiredValue(sub), result.GetValue(role), result.GetValue(region), result.GetValue(institution), result.GetValue(minutes));
    }
}
