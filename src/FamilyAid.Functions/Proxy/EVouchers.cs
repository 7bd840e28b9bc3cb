using FamilyAid.Functions.Audit;
using FamilyAid.Functions.Callers;
using FamilyAid.Functions.Ledger;
using FamilyAid.Functions.PaymentCodes;
using FamilyAid.Functions.Relationships;

namespace FamilyAid.Functions.Proxy;

/// <summary>Issues e-vouchers (医保电子凭证 展码) that a proxy shows for a member: payment codes of the member's, bound to
/// the proxy relationship and naming the proxy, so that a settlement charges only the member's own account (then
/// cash) and the relationship's end stops the code at once.</summary>
public sealed class EVouchers(
    PaymentCodeSigner signer, LedgerSettings settings, ProxyActions actions, AuditLog audit, TimeProvider clock)
{
    /// <summary>A new code for <paramref name="proxy"/>'s member, shown by <paramref name="caller"/>; recorded in the member's
    /// proxy actions first (no code is shown that the member cannot see) and audited after.</summary>
    public async Task<ShowEVoucher.Response> Issue(Caller caller, RelationshipRecord proxy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await actions.Record(proxy.MemberId, caller.Id, ProxyActions.EVoucherShown, now, ct);
        var (grant, code) = signer.Issue(proxy.MemberId, proxy.Id, now + settings.PaymentCodeLifetime, issuedBy: caller.Id);
        await audit.Record(caller, "proxy-e-voucher-shown", proxy.Id, $"for member {proxy.MemberId}, expires {grant.ExpiresAt:O}", ct);
        return new ShowEVoucher.Response(code, grant.ExpiresAt);
    }
}
