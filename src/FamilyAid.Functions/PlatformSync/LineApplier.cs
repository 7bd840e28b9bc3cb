using FamilyAid.Domain.Insurance;
using FamilyAid.Domain.Ledger;
using FamilyAid.Domain.Policy;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Insured;

namespace FamilyAid.Functions.PlatformSync;

/// <summary>What applying a line did.</summary>
public enum LineOutcome
{
    /// <summary>The record changed.</summary>
    Applied,

    /// <summary>The record already said this (a file imported again, or a line repeated after a crash).</summary>
    Unchanged,

    /// <summary>Refused (the reason is kept in the report).</summary>
    Refused,
}

/// <summary>Applies one parsed line through <see cref="InsuredChanges"/>, the admin route's own path (its validation,
/// sealing, blind index, platform adjustment and the effects of a status or region change), idempotently: a line whose
/// data the record already holds is <see cref="LineOutcome.Unchanged"/>, and its adjustment is keyed by the import and
/// line, so that applying it again never posts twice.</summary>
public sealed class LineApplier(InsuredStore insured, InsuredChanges changes, PolicyBook policies)
{
    /// <summary>Applies <paramref name="parsed"/> of import <paramref name="importId"/>; the refusal when it is refused.</summary>
    public async Task<(LineOutcome Outcome, LineRefusal? Refusal)> Apply(string importId, ParsedLine parsed, DateOnly today, CancellationToken ct)
    {
        var before = await insured.Find(parsed.ResidentId, ct);
        var line = parsed.Line;
        if (line.Op != ImportOp.Upsert && before is null)
        {
            return Refused(parsed.Number, new Problem(404, "unknown-person", "No insured person has this resident ID.", "Only an upsert creates a person."));
        }

        var (report, problem) = Merged(line, before).Parse(today, policies);
        if (report is null)
        {
            return Refused(parsed.Number, problem!);
        }

        var unchanged = before is not null && Same(before, report);
        if (unchanged && before!.Adjustment is null)
        {
            return (LineOutcome.Unchanged, null);
        }

        // Also when unchanged with an adjustment on record: a crash may have come before it was posted, and the report
        // posts it (once, by its key).
        var reported = await changes.Report(report with { ChangeKey = $"import/{importId}/{parsed.Number}" }, before, ct);
        return reported.Refusal == PostingRefusal.InsufficientBalance
            ? Refused(parsed.Number, new Problem(422, "insufficient-balance", "The account holds less than this adjustment takes away."))
            : (unchanged ? LineOutcome.Unchanged : LineOutcome.Applied, null);
    }

    private static (LineOutcome, LineRefusal?) Refused(long line, Problem problem) => (LineOutcome.Refused, LineRefusal.Of(line, problem));

    // The admin route's request: the line's fields, and for end-insurance and move-region the record's where the line has none.
    private static UpsertInsured.Request Merged(ImportLine line, InsuredRecord? before) => line.Op == ImportOp.Upsert || before is null
        ? LineParser.Request(line)
        : new UpsertInsured.Request(
            line.ResidentId!,
            line.Name ?? before.Person.Name,
            line.Phone ?? before.Phone,
            line.InsuranceType ?? before.Person.InsuranceType,
            line.Op == ImportOp.EndInsurance ? InsuranceStatus.Suspended : line.Status ?? before.Person.Status,
            line.Region ?? before.Person.Region,
            line.AccountBalanceFen ?? before.PersonalAccountFen);

    private static bool Same(InsuredRecord before, InsuredReport report) =>
        before.Person.Name == report.Name && before.Phone == report.Phone && before.Person.InsuranceType == report.InsuranceType
        && before.Person.Status == report.Status && before.Person.Region == report.Region && before.PersonalAccountFen == report.PersonalAccountFen;
}
