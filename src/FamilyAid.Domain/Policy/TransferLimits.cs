namespace FamilyAid.Domain.Policy;

/// <summary>Limits on a sharer's transfers that a region may adopt (the 医保钱包 rules of 2025: 3 a day, ¥2,000 each,
/// none 22:00–06:00 China time).</summary>
/// <param name="PerDay">Transfers a person may make in one China day.</param>
/// <param name="PerTransferFen">The most one transfer may move, in fen.</param>
/// <param name="QuietFrom">From this China time of day no transfer is made …</param>
/// <param name="QuietUntil">… until this one (the span may cross midnight).</param>
public sealed record TransferLimits(int PerDay, long PerTransferFen, TimeOnly QuietFrom, TimeOnly QuietUntil)
{
    /// <summary>The 医保钱包 numbers of 2025.</summary>
    public static readonly TransferLimits Wallet2025 = new(3, 200_000, new TimeOnly(22, 0), new TimeOnly(6, 0));

    /// <summary>Whether <paramref name="chinaTime"/> falls in the quiet hours.</summary>
    public bool IsQuiet(TimeOnly chinaTime) => chinaTime.IsBetween(QuietFrom, QuietUntil);
}
