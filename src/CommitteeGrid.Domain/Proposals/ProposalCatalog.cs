using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>The reference data proposal rules read: the network, committees' sessions and handling units.</summary>
public sealed class ProposalCatalog(CommitteeNetwork network, SessionCalendar sessions, HandlingUnitDirectory handlingUnits)
{
    public CommitteeNetwork Network { get; } = network;

    public SessionCalendar Sessions { get; } = sessions;

    public HandlingUnitDirectory HandlingUnits { get; } = handlingUnits;
}
