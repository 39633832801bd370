using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Bench;

/// <summary>
/// Where the freshness probe works: the highest unit the load can leave alone, so that any change in
/// its tally is the probe's own. That is a province when the network has several; a small network with
/// one province (under about 26,000 members) is split lower down, at the first level with two branches.
/// </summary>
public sealed record ProbeScope(NetworkUnit Unit, IReadOnlyList<NetworkUnit> LoadMembers, IReadOnlyList<NetworkUnit> ProbeMembers)
{
    /// <summary>How the figure is labelled: "province", "city", "liaison office", …</summary>
    public string UnitLabel => Unit.Kind switch
    {
        UnitKind.Committee => Unit.Level.Key(),
        UnitKind.LiaisonOffice => "liaison office",
        UnitKind.ActivityGroup => "activity group",
        _ => "member",
    };

    /// <summary>The scope, or null when no unit with members has another beside it (a single group).</summary>
    public static ProbeScope? Choose(CommitteeNetwork network)
    {
        var probe = Split(network, network.Root);
        if (probe is null)
        {
            return null;
        }

        var members = network.Units.Where(u => u.Kind == UnitKind.Member).ToList();
        return new ProbeScope(
            probe,
            members.Where(m => !CommitteeNetwork.IsWithin(m, probe)).ToList(),
            members.Where(m => CommitteeNetwork.IsWithin(m, probe)).ToList());
    }

    // Committees first (a province rather than the national committee's own groups); below a county,
    // its liaison offices and activity groups.
    private static NetworkUnit? Split(CommitteeNetwork network, NetworkUnit at)
    {
        var branches = network.Children(at).Where(c => c.Kind != UnitKind.Member && c.MemberCount > 0).ToList();
        var committees = branches.Where(c => c.IsCommittee).ToList();
        if (committees.Count >= 2)
        {
            return committees[^1];
        }

        if (committees.Count == 1 && Split(network, committees[0]) is { } below)
        {
            return below;
        }

        if (branches.Count >= 2)
        {
            return branches[^1];
        }

        // One branch that is not a committee (a lone office or group): look inside it.
        return committees.Count == 0 && branches.Count == 1 ? Split(network, branches[0]) : null;
    }
}
