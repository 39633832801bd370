namespace CommitteeGrid.Storage.Postgres;

public sealed class PostgresLedgerOptions
{
    public string ConnectionString { get; set; } = "";

    /// <summary>Most appends written in one transaction.</summary>
    public int MaxBatch { get; set; } = 1000;

    /// <summary>Batches in flight at once; more writers overlap commits (fsync) with the next batch's work.</summary>
    public int Writers { get; set; } = 3;
}
