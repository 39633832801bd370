using CommitteeGrid.Abstractions.Tallies;

namespace CommitteeGrid.Abstractions.Grains;

/// <summary>政协委员: rolls up the contributions of the submissions credited to the member.</summary>
public interface IMemberGrain : IRollupUnitGrain
{
    /// <summary>
    /// A submission's new cumulative credit to this member (its child key is the submission's stream,
    /// its version the stream's). One-way: the submission's command is already durable, and a credit lost
    /// with a silo is healed like a lost stream message (the member re-reads the ledger when it activates,
    /// and its group tells it to when it finds it behind).
    /// </summary>
    [OneWay]
    Task Credit(TallySnapshot credit);
}
