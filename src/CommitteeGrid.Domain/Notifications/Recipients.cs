using System.Text.RegularExpressions;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// Who can receive events: a member or unit of the network, or a handling unit (承办单位) of a committee,
/// coded "{committee}-H{n}" (e.g. "420607-H01"), which for routing sits under its committee.
/// </summary>
public static partial class Recipients
{
    [GeneratedRegex(@"^(?<committee>[A-Za-z0-9][A-Za-z0-9-]*)-H[0-9]{1,4}\z", RegexOptions.CultureInvariant)]
    private static partial Regex HandlingUnitPattern();

    public static bool IsKnown(CommitteeNetwork network, string code) =>
        network.Find(code) is not null || CommitteeOfHandlingUnit(network, code) is not null;

    /// <summary>The committee a handling-unit code belongs to, or null when the code is not one.</summary>
    public static NetworkUnit? CommitteeOfHandlingUnit(CommitteeNetwork network, string code)
    {
        if (network.Find(code) is not null || HandlingUnitPattern().Match(code) is not { Success: true } match)
        {
            return null;
        }

        return network.Find(match.Groups["committee"].Value) is { IsCommittee: true } committee ? committee : null;
    }

    /// <summary>The recipient and every unit above it: the units whose webhooks an event for it concerns.</summary>
    public static IEnumerable<string> SelfAndAncestors(CommitteeNetwork network, string code)
    {
        if (network.Find(code) is { } unit)
        {
            return network.SelfAndAncestors(unit).Select(u => u.Code);
        }

        return CommitteeOfHandlingUnit(network, code) is { } committee
            ? [code, .. network.SelfAndAncestors(committee).Select(u => u.Code)]
            : [];
    }

    /// <summary>The units any of the recipients sits in (each once).</summary>
    public static IReadOnlySet<string> UnitsConcerned(CommitteeNetwork network, IEnumerable<string> recipients) =>
        recipients.SelectMany(r => SelfAndAncestors(network, r)).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="recipient"/> is <paramref name="scope"/> or below it.</summary>
    public static bool IsWithin(CommitteeNetwork network, string recipient, string scope) =>
        SelfAndAncestors(network, recipient).Contains(scope, StringComparer.Ordinal);
}
