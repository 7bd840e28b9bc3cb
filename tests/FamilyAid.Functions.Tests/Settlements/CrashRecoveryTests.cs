using FamilyAid.Domain.Ledger;
using FamilyAid.Functions.Http;
using FamilyAid.Functions.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace FamilyAid.Functions.Tests.Settlements;

/// <summary>A process dying between two legs of a settlement, a refund or a transfer: the recovery timer, or the
/// caller's retry with the same key, finishes it; nothing is lost and nothing is moved twice.</summary>
public sealed class CrashRecoveryTests(CrashingApp app) : IClassFixture<CrashingApp>
{
    private static readonly TimeSpan PastRecovery = TimeSpan.FromSeconds(CrashingApp.RecoverySeconds + 1);
    private static readonly TimeSpan PastClaimTimeout = IdempotencyStore.ClaimTimeout + TimeSpan.FromSeconds(1);

    /// <summary>A guangdong member with 30 yuan of their own whose authorizer holds 50 yuan; a 100-yuan bill splits 30/50/20.</summary>
    private async Task<(Person Authorizer, Person Member, HttpClient Hospital)> Family()
    {
        app.Checkpoint.Disarm();
        var authorizer = await Api.Insured(app, personalAccountFen: 5_000);
        var member = await Api.Insured(app, personalAccountFen: 3_000);
        await Money.BindGuangdong(app, authorizer, member);
        return (authorizer, member, Money.Institution(app, Money.NewInstitution()));
    }

    private static async Task AssertCrashed(HttpResponseMessage answer)
    {
        Assert.True((int)answer.StatusCode >= 500, $"a crash answers 5xx, not {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
    }

    /// <summary>A gansu authorizer with 200 yuan, their child under 16, and a transfer of <paramref name="amountFen"/>
    /// that crashed right after debiting the authorizer.</summary>
    private async Task<(Person Authorizer, Person Child, string Key, string Id)> CrashedTransfer(long amountFen)
    {
        app.Checkpoint.Disarm();
        var authorizer = await Api.Insured(app, region: "gansu", personalAccountFen: 20_000);
        var child = await Api.Insured(app, region: "gansu", insuranceType: "resident", birthDate: new DateOnly(2016, 2, 2));
        await Money.BindGansu(app, authorizer, child, relation: "child");
        var key = Money.NewKey();
        app.Checkpoint.CrashAfter(Transfer.DebitLeg);
        await AssertCrashed(await Money.PostTransfer(app, authorizer, amountFen, key));
        return (authorizer, child, key, app.Checkpoint.CrashedMovement!);
    }

    /// <summary>A settled 100-yuan bill (own 30, family 50, cash 20) whose refund crashed right after the own account
    /// was restored.</summary>
    private async Task<(Person Authorizer, Person Member, HttpClient Hospital, Split Split)> CrashedRefund()
    {
        var (authorizer, member, hospital) = await Family();
        var split = await Money.Pay(hospital, await Money.Code(app, member), 10_000);
        app.Checkpoint.CrashAfter(Settlement.OwnRefundLeg);
        await AssertCrashed(await Money.Refund(hospital, split.Id));
        return (authorizer, member, hospital, split);
    }

    /// <summary>Each account of settlement <paramref name="id"/> shows its debit and exactly one refund of it.</summary>
    private async Task AssertRestoredOnce(Person member, Person authorizer, string id)
    {
        Assert.Equal(
            [new Line(2, 3_000, 3_000, "refund", id), new Line(1, -3_000, 0, "settlement", id)],
            (await Money.StatementOf(app, member)).Lines);
        Assert.Equal(
            [new Line(2, 5_000, 5_000, "refund", id), new Line(1, -5_000, 0, "settlement", id)],
            (await Money.StatementOf(app, authorizer)).Lines);
    }

    private async Task<IReadOnlyList<MovementStore.PendingMovement>> Pending() =>
        await app.Services.GetRequiredService<MovementStore>().Pending(DateTimeOffset.MaxValue, 1000, CancellationToken.None);

    [Fact]
    public async Task A_settlement_that_crashed_between_its_legs_is_finished_by_recovery_and_the_retry_gets_the_same_answer()
    {
        // Given a 100-yuan bill whose settlement crashes right after the own-account leg
        var (authorizer, member, hospital) = await Family();
        var key = Money.NewKey();
        var body = Money.Body(await Money.Code(app, member), 10_000);
        app.Checkpoint.CrashAfter(Settlement.OwnLeg);
        await AssertCrashed(await Money.Post(hospital, body, key));
        var id = app.Checkpoint.CrashedMovement!;

        // Then the own leg is debited, the family leg is not, and the settlement waits for recovery
        Assert.Equal(new Line(1, -3_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Empty((await Money.StatementOf(app, authorizer)).Lines);
        Assert.Contains(await Pending(), p => p.Id == id && p.Kind == "Settlement");

        // When the recovery timer runs once the settlement has waited long enough
        app.Clock.Advance(PastRecovery);
        await Money.RunTimer(app, "RecoverMovements");

        // Then the family leg is debited, once, and the settlement no longer waits
        Assert.Equal(new Line(1, -5_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
        Assert.Single((await Money.StatementOf(app, member)).Lines);
        Assert.DoesNotContain(await Pending(), p => p.Id == id);

        // When the institution retries with the same key
        var retry = await Money.Post(hospital, body, key);

        // Then it gets the settlement: 201, the same id, the full split; and nothing more moves
        Assert.Equal(new Split(id, "completed", 3_000, 5_000, 2_000), await Money.Created(retry));
        var replay = await Money.Post(hospital, body, key);
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(new Split(id, "completed", 3_000, 5_000, 2_000), await Money.Created(replay));
        await Money.RunTimer(app, "RecoverMovements");
        Assert.Single((await Money.StatementOf(app, member)).Lines);
        Assert.Single((await Money.StatementOf(app, authorizer)).Lines);
        await Money.AssertConsistent(app, AccountId.Personal(member.Id));
        await Money.AssertConsistent(app, AccountId.Personal(authorizer.Id));
    }

    [Fact]
    public async Task A_retry_right_after_a_failed_attempt_resumes_the_same_settlement_at_once()
    {
        // Given a settlement whose request failed right after its own leg (the process lived on)
        var (authorizer, member, hospital) = await Family();
        var key = Money.NewKey();
        var body = Money.Body(await Money.Code(app, member), 10_000);
        app.Checkpoint.CrashAfter(Settlement.OwnLeg);
        await AssertCrashed(await Money.Post(hospital, body, key));
        var id = app.Checkpoint.CrashedMovement!;

        // When the institution retries with the same key at once (no claim timeout, no recovery)
        var retry = await Money.Post(hospital, body, key);

        // Then the retry takes the failed attempt's claim over and finishes that settlement, each leg once
        Assert.Equal(new Split(id, "completed", 3_000, 5_000, 2_000), await Money.Created(retry));
        Assert.Equal(new Line(1, -3_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Equal(new Line(1, -5_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
        Assert.DoesNotContain(await Pending(), p => p.Id == id);
    }

    [Fact]
    public async Task A_retry_after_the_claim_timeout_finishes_a_crashed_settlement_without_waiting_for_recovery()
    {
        // Given a settlement that crashed after its own leg
        var (authorizer, member, hospital) = await Family();
        var key = Money.NewKey();
        var body = Money.Body(await Money.Code(app, member), 10_000, "inpatient");
        app.Checkpoint.CrashAfter(Settlement.OwnLeg);
        await AssertCrashed(await Money.Post(hospital, body, key));
        var id = app.Checkpoint.CrashedMovement!;

        // When the institution retries with the same key after the claim timeout (long before recovery would run),
        // and after the payment code itself has expired
        app.Clock.Advance(PastClaimTimeout + TimeSpan.FromSeconds(120));
        var retry = await Money.Post(hospital, body, key);

        // Then the retry finishes the same settlement: 201, the same id, the full split; each leg debited once
        Assert.Equal(new Split(id, "completed", 3_000, 5_000, 2_000), await Money.Created(retry));
        Assert.Equal(new Line(1, -3_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Equal(new Line(1, -5_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
        Assert.DoesNotContain(await Pending(), p => p.Id == id);

        // And a later recovery run moves nothing more
        app.Clock.Advance(PastRecovery);
        await Money.RunTimer(app, "RecoverMovements");
        Assert.Single((await Money.StatementOf(app, member)).Lines);
        Assert.Single((await Money.StatementOf(app, authorizer)).Lines);
    }

    [Fact]
    public async Task A_crash_after_both_legs_but_before_the_state_is_saved_is_finished_without_moving_anything_again()
    {
        // Given a settlement that crashes right after its family leg (both legs posted, completion not saved)
        var (authorizer, member, hospital) = await Family();
        var key = Money.NewKey();
        var body = Money.Body(await Money.Code(app, member), 10_000);
        app.Checkpoint.CrashAfter(Settlement.FamilyLeg);
        await AssertCrashed(await Money.Post(hospital, body, key));
        var id = app.Checkpoint.CrashedMovement!;
        Assert.Single((await Money.StatementOf(app, member)).Lines);
        Assert.Single((await Money.StatementOf(app, authorizer)).Lines);

        // When recovery runs and the institution retries
        app.Clock.Advance(PastRecovery);
        await Money.RunTimer(app, "RecoverMovements");
        var retry = await Money.Post(hospital, body, key);

        // Then the answer is the full split, and each account was debited once
        Assert.Equal(new Split(id, "completed", 3_000, 5_000, 2_000), await Money.Created(retry));
        Assert.Equal(new Line(1, -3_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, member)).Lines));
        Assert.Equal(new Line(1, -5_000, 0, "settlement", id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
    }

    [Fact]
    public async Task A_leg_that_found_an_empty_account_stays_empty_on_recovery_even_if_money_arrived_since()
    {
        // Given an employee member whose own account is empty, in a family whose authorizer holds 50 yuan
        app.Checkpoint.Disarm();
        var authorizer = await Api.Insured(app, personalAccountFen: 5_000);
        var member = await Api.Insured(app, personalAccountFen: 0);
        await Money.BindGuangdong(app, authorizer, member);
        var hospital = Money.Institution(app, Money.NewInstitution());

        // And a 40-yuan settlement that crashed right after its own leg took nothing
        app.Checkpoint.CrashAfter(Settlement.OwnLeg);
        await AssertCrashed(await Money.Settle(hospital, await Money.Code(app, member), 4_000));
        var id = app.Checkpoint.CrashedMovement!;

        // When the platform then credits the member's own account with 100 yuan, and recovery runs
        var upsert = await Bindings.Send.Json(
            app.Admin(), "/api/admin/insured", Bindings.Send.InsuredBody(member.ResidentId, member.Name, member.Phone, personalAccountFen: 10_000).ToJsonString());
        await Api.Expect(upsert, HttpStatusCode.Created);
        app.Clock.Advance(PastRecovery);
        await Money.RunTimer(app, "RecoverMovements");

        // Then the own leg stays what it was when it ran (nothing), and the family account paid the bill
        var refund = await Money.Refund(hospital, id);
        await Api.Expect(refund, HttpStatusCode.OK);
        Assert.Equal(new Split(id, "refunded", 0, 4_000, 0), Money.Read(await Api.Json(refund)));
        var mine = await Money.StatementOf(app, member);
        Assert.Equal(10_000, mine.BalanceFen);
        Assert.DoesNotContain(mine.Lines, l => l.Reference == id);
        Assert.Equal(
            [new Line(2, 4_000, 5_000, "refund", id), new Line(1, -4_000, 1_000, "settlement", id)],
            (await Money.StatementOf(app, authorizer)).Lines);
    }

    [Fact]
    public async Task A_refund_of_a_settlement_that_crashed_between_its_legs_finishes_it_first_then_restores_both()
    {
        // Given a settlement that crashed after its own leg, not yet recovered
        var (authorizer, member, hospital) = await Family();
        app.Checkpoint.CrashAfter(Settlement.OwnLeg);
        await AssertCrashed(await Money.Settle(hospital, await Money.Code(app, member), 10_000));
        var id = app.Checkpoint.CrashedMovement!;

        // When the institution refunds it
        var refund = await Money.Refund(hospital, id);

        // Then the settlement is completed and refunded: each account got back exactly what it paid
        await Api.Expect(refund, HttpStatusCode.OK);
        Assert.Equal(new Split(id, "refunded", 3_000, 5_000, 2_000), Money.Read(await Api.Json(refund)));
        await AssertRestoredOnce(member, authorizer, id);

        // And recovery finds nothing left to do
        app.Clock.Advance(PastRecovery);
        await Money.RunTimer(app, "RecoverMovements");
        Assert.Equal(2, (await Money.StatementOf(app, member)).Lines.Count);
        Assert.Equal(2, (await Money.StatementOf(app, authorizer)).Lines.Count);
    }

    [Fact]
    public async Task A_refund_that_crashed_after_restoring_the_own_account_is_finished_by_recovery()
    {
        // Given a settled bill (own 30, family 50) whose refund crashes after the own account is restored
        var (authorizer, member, hospital, split) = await CrashedRefund();

        // Then the own account is restored, the family account is not yet
        Assert.Equal(3_000, (await Money.StatementOf(app, member)).BalanceFen);
        Assert.Equal(0, (await Money.StatementOf(app, authorizer)).BalanceFen);
        Assert.Contains(await Pending(), p => p.Id == split.Id);

        // When recovery runs
        app.Clock.Advance(PastRecovery);
        await Money.RunTimer(app, "RecoverMovements");

        // Then the family account is restored, once, and each account holds what it held before the bill
        await AssertRestoredOnce(member, authorizer, split.Id);
        Assert.DoesNotContain(await Pending(), p => p.Id == split.Id);

        // And asking for the refund again answers refunded and moves nothing
        var again = await Money.Refund(hospital, split.Id);
        await Api.Expect(again, HttpStatusCode.OK);
        Assert.Equal(split with { Status = "refunded" }, Money.Read(await Api.Json(again)));
        Assert.Equal(2, (await Money.StatementOf(app, member)).Lines.Count);
        Assert.Equal(2, (await Money.StatementOf(app, authorizer)).Lines.Count);
    }

    [Fact]
    public async Task A_refund_that_crashed_is_finished_by_asking_again_instead_of_by_recovery()
    {
        var (authorizer, member, hospital, split) = await CrashedRefund();

        var again = await Money.Refund(hospital, split.Id);

        await Api.Expect(again, HttpStatusCode.OK);
        Assert.Equal("refunded", Money.Read(await Api.Json(again)).Status);
        Assert.Single((await Money.StatementOf(app, member)).Lines, l => l.Reason == "refund");
        Assert.Single((await Money.StatementOf(app, authorizer)).Lines, l => l.Reason == "refund");
        Assert.Equal(3_000, (await Money.StatementOf(app, member)).BalanceFen);
        Assert.Equal(5_000, (await Money.StatementOf(app, authorizer)).BalanceFen);
        Assert.DoesNotContain(await Pending(), p => p.Id == split.Id);
    }

    [Fact]
    public async Task A_transfer_that_crashed_after_its_debit_is_finished_by_recovery_and_credits_the_pool_once()
    {
        // Given a gansu authorizer with 200 yuan and a child under 16 (binds at once)
        // When a 60-yuan transfer crashes right after debiting the authorizer
        var (authorizer, child, key, id) = await CrashedTransfer(6_000);

        // Then the authorizer is debited and the pool is not credited yet
        Assert.Equal(new Line(1, -6_000, 14_000, "transfer-out", id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
        var ledger = app.Services.GetRequiredService<AccountLedger>();
        Assert.Equal(0, (await ledger.Balance(AccountId.Pool(authorizer.Id).Value, CancellationToken.None))?.BalanceFen ?? 0);

        // When recovery runs
        app.Clock.Advance(PastRecovery);
        await Money.RunTimer(app, "RecoverMovements");

        // Then the pool is credited once; the debit is still the only one
        Assert.Equal(new Line(1, 6_000, 6_000, "transfer-in", id), Assert.Single((await Money.StatementOf(app, authorizer, "pool")).Lines));
        Assert.Single((await Money.StatementOf(app, authorizer)).Lines);

        // And the authorizer's retry with the same key answers the transfer and moves nothing more
        var retry = await Money.PostTransfer(app, authorizer, 6_000, key);
        await Api.Expect(retry, HttpStatusCode.Created);
        var body = await Api.Json(retry);
        Assert.Equal((id, "completed", 6_000L), (body["id"]!.GetValue<string>(), body["status"]!.GetValue<string>(), body["amountFen"]!.GetValue<long>()));
        await Money.RunTimer(app, "RecoverMovements");
        Assert.Single((await Money.StatementOf(app, authorizer, "pool")).Lines);
        Assert.Equal(14_000, (await Money.StatementOf(app, authorizer)).BalanceFen);
        await Money.AssertConsistent(app, AccountId.Pool(authorizer.Id));
        await Money.AssertConsistent(app, AccountId.Personal(authorizer.Id));

        // And the pool pays the child's bill
        Assert.Equal(6_000, (await Money.Pay(Money.Institution(app, Money.NewInstitution()), await Money.Code(app, child), 7_000)).Family);
    }

    [Fact]
    public async Task A_transfer_that_crashed_is_finished_by_the_retry_after_the_claim_timeout()
    {
        // Given a 25-yuan transfer that crashed right after debiting the authorizer's 200 yuan
        var (authorizer, _, key, id) = await CrashedTransfer(2_500);

        // When the authorizer retries with the same key after the claim timeout
        app.Clock.Advance(PastClaimTimeout);
        var retry = await Money.PostTransfer(app, authorizer, 2_500, key);

        // Then the retry finishes that transfer: the pool credited once, the debit not repeated
        await Api.Expect(retry, HttpStatusCode.Created);
        Assert.Equal(id, (await Api.Json(retry))["id"]!.GetValue<string>());
        Assert.Equal(new Line(1, 2_500, 2_500, "transfer-in", id), Assert.Single((await Money.StatementOf(app, authorizer, "pool")).Lines));
        Assert.Equal(new Line(1, -2_500, 17_500, "transfer-out", id), Assert.Single((await Money.StatementOf(app, authorizer)).Lines));
    }

    [Fact]
    public async Task A_settlement_finished_by_recovery_is_audited_like_any_other()
    {
        // Given a settlement that crashed after its own leg and was finished by recovery and the institution's retry
        var (_, member, hospital) = await Family();
        var key = Money.NewKey();
        var body = Money.Body(await Money.Code(app, member), 10_000);
        app.Checkpoint.CrashAfter(Settlement.OwnLeg);
        await AssertCrashed(await Money.Post(hospital, body, key));
        var id = app.Checkpoint.CrashedMovement!;
        app.Clock.Advance(PastRecovery);
        await Money.RunTimer(app, "RecoverMovements");
        await Money.Created(await Money.Post(hospital, body, key));

        // Then its audit trail holds the settlement exactly once (recovery and the retry do not both record it)
        Assert.Single(await Money.Audit(app, id), e => e["action"]!.GetValue<string>() == "settlement");
    }

    [Fact]
    public async Task A_refund_finished_after_a_crash_is_audited_like_any_other()
    {
        // Given a refund that crashed after restoring the own account, then asked for again
        var (_, _, hospital, split) = await CrashedRefund();
        await Api.Expect(await Money.Refund(hospital, split.Id), HttpStatusCode.OK);

        // Then its audit trail holds the refund exactly once (the crashed try and the finishing one do not both record it)
        Assert.Single(await Money.Audit(app, split.Id), e => e["action"]!.GetValue<string>() == "settlement-refunded");
    }
}
