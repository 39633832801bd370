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

    /// <summary>
    /// The member's group found the ledger ahead of what it held for this member: re-read (a heal).
    /// One-way, because the group does not wait for it: a cold start of a large network tells tens of
    /// thousands of members at once, each re-read waits its turn in the batched ledger reads, and a
    /// request would break its 30 s promise with a warning for every member at the back of that queue.
    /// </summary>
    [OneWay]
    Task Recheck();
}
