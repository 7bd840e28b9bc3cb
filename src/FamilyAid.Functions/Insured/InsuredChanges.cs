using FamilyAid.Domain.Identity;
using FamilyAid.Domain.Insurance;
using FamilyAid.Functions.Quotas;
using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.Storage;

namespace FamilyAid.Functions.Insured;

/// <summary>An insured person as the platform reports them.</summary>
/// <param name="ChangeKey">What makes the adjustment's posting key, when the report has an identity of its own (a line
/// of an import: applied again after a crash, it posts nothing new); a fresh id otherwise.</param>
public sealed record InsuredReport(
    ResidentId ResidentId, string Name, string Phone, InsuranceType InsuranceType, InsuranceStatus Status, string Region, long PersonalAccountFen,
    string? ChangeKey = null);

/// <summary>What a report did: the person's id, or why the ledger refused the figure (nothing was written).</summary>
public sealed record InsuredReported(string? Id, PostingRefusal? Refusal);

/// <summary>The one load → decide → commit path of an insured person's record: the figure and the adjustment it owes the
/// ledger (<see cref="PlatformFigure"/>) are one write under the record's ETag, then the adjustment is posted under its key.</summary>
/// <remarks>An adjustment a crash (or a refusal) left unposted is posted by the next report, before anything else.</remarks>
/// <para>A report that ends the person's insurance or moves its region ends every relationship they are in
/// (<see cref="InsuranceChange"/>): the ends owed are written with the change, done at once, and a crash in between
/// leaves them to <see cref="FinishRelationshipEnds"/>. Every path that reports a person (the admin route, imports)
/// comes through here.</para>
public sealed partial class InsuredChanges(
    InsuredStore store, AccountLedger ledger, AccountOpener opener, RelationshipEnds ends, TimeProvider clock, ILogger<InsuredChanges> logger)
{
    /// <summary>Creates or updates the person <paramref name="report"/> names, deciding again when another report of the
    /// same person wrote first (<see cref="Optimistic"/>).</summary>
    public Task<InsuredReported> Report(InsuredReport report, CancellationToken ct) => Report(report, null, known: false, ct);

    /// <summary>As <see cref="Report(InsuredReport, CancellationToken)"/>, from the record the caller has just read
    /// (<paramref name="read"/>, null when there is none): the first try does not read it again, a lost race does.</summary>
    public Task<InsuredReported> Report(InsuredReport report, InsuredRecord? read, CancellationToken ct) => Report(report, read, known: true, ct);

    private async Task<InsuredReported> Report(InsuredReport report, InsuredRecord? read, bool known, CancellationToken ct)
    {
        var (reported, before, adjustment, endsOwed) = await Optimistic.Retry<(InsuredReported, InsuredRecord?, PlatformAdjustment?, RelationshipEndsOwed?)>(
            "An insured person's record", async attempt =>
            {
                var before = known && attempt.IsFirst ? read : await store.Find(report.ResidentId, ct);
                // The record keeps its last adjustment: nearly always posted already, which one read of its key says.
                if (before?.Adjustment is { } owed && !await ledger.Posted(AccountId.Personal(before.Person.Id).Value, owed.Key, ct)
                    && await Post(before.Person.Id, owed, ct) is { } stillOwed)
                {
                    return (new InsuredReported(null, stillOwed), before, null, null);
                }

                var balanceFen = before is not null && PlatformFigure.TakesAway(before.PersonalAccountFen, report.PersonalAccountFen)
                    ? await Balance(before.Person.Id, ct)
                    : null;
                var decision = PlatformFigure.Report(before?.PersonalAccountFen, report.PersonalAccountFen, balanceFen, $"platform/{report.ChangeKey ?? Ids.New(clock)}");
                if (decision.Refusal is { } refusal)
                {
                    return (new InsuredReported(null, refusal), before, null, null);
                }

                var endsNow = InsuranceChange.EndsRelationships(before?.Person, report.Status, report.Region) is { } why
                    ? new RelationshipEndsOwed(Ids.New(clock), clock.GetUtcNow(), why)
                    : null;
                var id = await store.Upsert(
                    report.ResidentId, report.Name, report.Phone, report.InsuranceType, report.Status, report.Region,
                    report.PersonalAccountFen, decision.Adjustment, before, Ids.New(clock), ct, endsNow);
                return id is null ? Optimistic.Lost : (new InsuredReported(id, null), before, decision.Adjustment, endsNow);
            }, ct);

        if (reported.Id is not { } id)
        {
            return reported;
        }

        if (before is null)
        {
            await ledger.Open(AccountId.Personal(id).Value, report.PersonalAccountFen, ct);
        }
        else if (adjustment is not null && await Post(id, adjustment, ct) is not null)
        {
            // Family spending between the check and the posting took the money; the record keeps the adjustment owed
            // and the next report (the platform's next figure) posts it or says why it cannot.
            LogAdjustmentOwed(logger, id, adjustment.DeltaFen);
        }

        if (endsOwed is not null)
        {
            await FinishEnds(id, endsOwed, ct);
        }

        return reported;
    }

    /// <summary>Ends every relationship the report owes (each step idempotent), then clears the row that says so.</summary>
    public async Task FinishEnds(string personId, RelationshipEndsOwed owed, CancellationToken ct)
    {
        await ends.EndAll(personId, owed.At, owed.Why, ct);
        await store.EndsDone(personId, owed, ct);
    }

    // The balance of the person's account, opened first if it is not (with the figure on record, less what it owes).
    private async Task<long?> Balance(string personId, CancellationToken ct) =>
        (await ledger.Balance(AccountId.Personal(personId).Value, ct))?.BalanceFen
        ?? (await opener.Open(AccountId.Personal(personId), ct) ? (await ledger.Balance(AccountId.Personal(personId).Value, ct))?.BalanceFen : null);

    /// <summary>Posts <paramref name="adjustment"/> (once, by its key); the refusal when it cannot be.</summary>
    private async Task<PostingRefusal?> Post(string personId, PlatformAdjustment adjustment, CancellationToken ct)
    {
        var account = AccountId.Personal(personId);
        var posting = new Posting(adjustment.Key, adjustment.DeltaFen, "platform-adjustment", null);
        PostingOutcome outcome;
        try
        {
            outcome = await ledger.Post(account.Value, posting, ct);
        }
        catch (AccountNotOpenException)
        {
            // Opened on first use only (not read for first every time: the account is nearly always open).
            await opener.Open(account, ct);
            outcome = await ledger.Post(account.Value, posting, ct);
        }

        return outcome.Refusal == PostingRefusal.InsufficientBalance ? PostingRefusal.InsufficientBalance : null;
    }

    [LoggerMessage(LogLevel.Warning, "Platform adjustment of {DeltaFen} fen for {PersonId} could not be posted (spent meanwhile); it stays owed on the record.")]
    private static partial void LogAdjustmentOwed(ILogger logger, string personId, long deltaFen);
}
