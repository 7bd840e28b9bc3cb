using System.Text.Json;
using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Insured;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>A line that parsed: whose it is and what it asks.</summary>
/// <param name="Number">The line number in the file (1-based).</param>
/// <param name="ResidentId">Whose line it is (lines of one person are applied in file order).</param>
/// <param name="Line">The fields as written; an upsert's are all present and valid.</param>
public sealed record ParsedLine(long Number, ResidentId ResidentId, ImportLine Line);

/// <summary>A line skipped: its number and a problem code, never the line's content (it holds resident IDs and phones).</summary>
public sealed record LineRefusal(long Line, string Code, string? Field, string? Detail)
{
    /// <summary>The refusal of line <paramref name="line"/> for <paramref name="problem"/> (the admin route's problem,
    /// its balance field named as the file names it).</summary>
    public static LineRefusal Of(long line, Problem problem) =>
        new(line, problem.Code, Renamed(problem.Extensions?.GetValueOrDefault("field") as string), Renamed(problem.Detail));

    private static string? Renamed(string? text) => text?.Replace("personalAccountFen", "accountBalanceFen", StringComparison.Ordinal);
}

/// <summary>Reads one line of a platform file (JSON Lines): pure, no storage.</summary>
public static class LineParser
{
    /// <summary>The line, or why it is refused; <paramref name="today"/> is China's date (no birth date may follow it).
    /// <paramref name="malformed"/> is the code of a line that is not of the format (a CSV line comes as its JSON object).</summary>
    public static (ParsedLine? Line, LineRefusal? Refusal) Parse(
        long number, ReadOnlySpan<byte> bytes, DateOnly today, PolicyBook policies, string malformed = "invalid-json")
    {
        ImportLine? line;
        try
        {
            line = JsonSerializer.Deserialize<ImportLine>(bytes, Json.Options);
        }
        catch (JsonException e)
        {
            // The path says where; the message is not kept, it may quote the input.
            return (null, new LineRefusal(number, malformed, null, e.Path is null or "$" ? "The line is not a JSON object of this format." : $"At {e.Path}."));
        }

        if (line is null)
        {
            return (null, new LineRefusal(number, malformed, null, "The line is not a JSON object of this format."));
        }

        var problem = Missing(line) ?? Invalid(line, today, policies);
        if (problem is not null)
        {
            return (null, LineRefusal.Of(number, problem));
        }

        return Domain.Identity.ResidentId.TryParse(line.ResidentId, today, out var residentId)
            ? (new ParsedLine(number, residentId, line), null)
            : (null, LineRefusal.Of(number, Problems.InvalidResidentId("residentId")));
    }

    /// <summary>The admin route's request for an upsert line (every field present).</summary>
    public static UpsertInsured.Request Request(ImportLine line) => new(
        line.ResidentId!, line.Name!, line.Phone!, line.InsuranceType!.Value, line.Status!.Value, line.Region!, line.AccountBalanceFen!.Value);

    private static Problem? Missing(ImportLine line)
    {
        (string Field, bool Present)[] required = line.Op switch
        {
            null => [("op", false)],
            ImportOp.Upsert =>
            [
                ("residentId", line.ResidentId is not null), ("name", line.Name is not null), ("phone", line.Phone is not null),
                ("insuranceType", line.InsuranceType is not null), ("status", line.Status is not null), ("region", line.Region is not null),
                ("accountBalanceFen", line.AccountBalanceFen is not null),
            ],
            ImportOp.MoveRegion => [("residentId", line.ResidentId is not null), ("region", line.Region is not null)],
            _ => [("residentId", line.ResidentId is not null)],
        };
        return required.FirstOrDefault(r => !r.Present) is { Field: { } field } ? Problems.Invalid(field, "is required") : null;
    }

    // An upsert is checked whole by the admin route's rules here; the other ops are checked, merged with the record on
    // file, by the same rules when applied.
    private static Problem? Invalid(ImportLine line, DateOnly today, PolicyBook policies) =>
        line.Op == ImportOp.Upsert ? Request(line).Parse(today, policies).Problem : null;
}
