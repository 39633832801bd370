namespace CommitteeGrid.Domain.Ledger;

public static class LedgerClock
{
    /// <summary>
    /// Now, to the whole microsecond: the precision PostgreSQL keeps, so a receipt given before a
    /// restart equals the one rebuilt from the ledger after it.
    /// </summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
