using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Domain.Ledger;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// Counts of units and members for one year: live from the rollup grains, or as they stood at the end
/// of a past day (China time) from the ledger, summed up the tree from member paths.
/// </summary>
public sealed class Figures(IGrainFactory grains, ILedger ledger, NetworkCatalog catalog)
{
    private static readonly IReadOnlyDictionary<string, long> Nothing = new Dictionary<string, long>();

    /// <summary>The instant a day ends in China: figures "as of" the day count what happened before it.</summary>
    public static DateTimeOffset EndOf(DateOnly day) => new(day.AddDays(1).ToDateTime(TimeOnly.MinValue), CivilTime.Offset);

    /// <summary>
    /// Counts of <paramref name="units"/> (all within <paramref name="scope"/>), zero-filled for those
    /// with nothing counted. Members are read from their activity groups' rollups, not their own grains.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>>> Of(NetworkUnit scope, IReadOnlyCollection<NetworkUnit> units, int year, DateOnly? asOf)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, long>>(StringComparer.Ordinal);
        if (asOf is { } day)
        {
            var figures = new SubtreeFigures(scope.Path, await ledger.AggregateByMemberBeforeAsync(scope.Path, year, EndOf(day)));
            foreach (var unit in units)
            {
                result[unit.Code] = figures.Of(unit.Code);
            }

            return result;
        }

        foreach (var batch in units.Where(u => u.Kind != UnitKind.Member).Chunk(500))
        {
            foreach (var tally in await Task.WhenAll(batch.Select(u => grains.UnitGrain(u.Kind, u.Code).GetTally(year))))
            {
                result[tally.Code] = tally.Counters;
            }
        }

        var members = units.Where(u => u.Kind == UnitKind.Member).ToList();
        var wanted = members.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var batch in members.Select(m => m.ParentCode!).Distinct(StringComparer.Ordinal).Chunk(200))
        {
            foreach (var children in await Task.WhenAll(batch.Select(g => grains.UnitGrain(UnitKind.ActivityGroup, g).GetChildTallies(year))))
            {
                foreach (var tally in children.Where(t => wanted.Contains(t.Code)))
                {
                    result[tally.Code] = tally.Counters;
                }
            }
        }

        foreach (var member in members.Where(m => !result.ContainsKey(m.Code)))
        {
            result[member.Code] = Nothing;
        }

        return result;
    }

    public async Task<IReadOnlyDictionary<string, long>> Of(NetworkUnit unit, int year, DateOnly? asOf) =>
        asOf is null && unit.Kind == UnitKind.Member
            ? (await grains.UnitGrain(UnitKind.Member, unit.Code).GetTally(year)).Counters
            : (await Of(unit, [unit], year, asOf))[unit.Code];

    /// <summary>
    /// The members a unit's committee assesses within the unit: every member below it that belongs to
    /// the same committee (a city's own members, not its counties').
    /// </summary>
    public IReadOnlyList<NetworkUnit> OwnMembers(NetworkUnit unit)
    {
        var committee = unit.IsCommittee ? unit.Code : unit.CommitteeCode;
        var members = new List<NetworkUnit>();
        var stack = new Stack<NetworkUnit>();
        stack.Push(unit);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            if (next.Kind == UnitKind.Member)
            {
                members.Add(next);
                continue;
            }

            foreach (var child in catalog.Network.Children(next).Where(c => !(c.IsCommittee && c.Code != committee)))
            {
                stack.Push(child);
            }
        }

        members.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        return members;
    }
}
