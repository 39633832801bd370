using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Grains.Services;

/// <summary>The network every grain of this silo looks itself up in (reference data, the same on every silo).</summary>
public sealed class NetworkCatalog(CommitteeNetwork network)
{
    public CommitteeNetwork Network { get; } = network;
}
