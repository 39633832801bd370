using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// Who can receive events: a member or unit of the network, or a handling unit (承办单位) of the
/// proposals' directory, which for routing and scope sits under its committee.
/// </summary>
public static class Recipients
{
    public static bool IsKnown(ProposalCatalog catalog, string code) =>
        catalog.Network.Find(code) is not null || CommitteeOfHandlingUnit(catalog, code) is not null;

    /// <summary>The committee a handling unit belongs to, or null when the code is not a handling unit.</summary>
    public static NetworkUnit? CommitteeOfHandlingUnit(ProposalCatalog catalog, string code) =>
        catalog.HandlingUnits.Find(code) is { } unit ? catalog.Network.Find(unit.Committee) : null;

    /// <summary>The recipient and every unit above it: the units whose webhooks an event for it concerns.</summary>
    public static IEnumerable<string> SelfAndAncestors(ProposalCatalog catalog, string code)
    {
        var network = catalog.Network;
        if (network.Find(code) is { } unit)
        {
            return network.SelfAndAncestors(unit).Select(u => u.Code);
        }

        return CommitteeOfHandlingUnit(catalog, code) is { } committee
            ? [code, .. network.SelfAndAncestors(committee).Select(u => u.Code)]
            : [];
    }

    /// <summary>The units any of the recipients sits in (each once).</summary>
    public static IReadOnlySet<string> UnitsConcerned(ProposalCatalog catalog, IEnumerable<string> recipients) =>
        recipients.SelectMany(r => SelfAndAncestors(catalog, r)).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="recipient"/> is <paramref name="scope"/> or below it.</summary>
    public static bool IsWithin(ProposalCatalog catalog, string recipient, string scope) =>
        SelfAndAncestors(catalog, recipient).Contains(scope, StringComparer.Ordinal);
}
