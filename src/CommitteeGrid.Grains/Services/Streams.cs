using CommitteeGrid.Abstractions.Grains;
using CommitteeGrid.Abstractions.Network;
using Orleans.Runtime;

namespace CommitteeGrid.Grains.Services;

internal static class Streams
{
    /// <summary>
    /// The stream a unit's tally goes up on: its parent's, in the namespace of the parent's grain type.
    /// Members have none: submissions credit them by call (<see cref="IMemberGrain.Credit"/>).
    /// </summary>
    public static StreamId TalliesOf(UnitKind parentKind, string parentCode) => StreamId.Create(parentKind switch
    {
        UnitKind.Member => throw new ArgumentOutOfRangeException(nameof(parentKind), "A member's credits come by call, not on a stream."),
        UnitKind.ActivityGroup => StreamNames.GroupTallies,
        UnitKind.LiaisonOffice => StreamNames.OfficeTallies,
        _ => StreamNames.CommitteeTallies,
    }, parentCode);

    public static StreamId InboxOf(string committee) => StreamId.Create(StreamNames.Inbox, committee);

    public static StreamId ProposalRegisterOf(string committee) => StreamId.Create(StreamNames.ProposalRegister, committee);

    public static StreamId HandlingQueueOf(string unit) => StreamId.Create(StreamNames.HandlingQueue, unit);

    public static StreamId DutyBookOf(string group) => StreamId.Create(StreamNames.DutyBook, group);
}
