using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>
/// The test's own reading of the network file: who sits under whom. Built from the data, not from the
/// host's network classes, so the expected counts share no code with what they check.
/// </summary>
public sealed class TreeModel
{
    private readonly Dictionary<string, UnitDocument> _units;
    private readonly Dictionary<string, string> _groupOfMember;

    public TreeModel(NetworkDocument document)
    {
        _units = document.Units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        _groupOfMember = document.Members.ToDictionary(m => m.Code, m => m.Group, StringComparer.Ordinal);
        Members = [.. document.Members.Select(m => m.Code)];
        Committees = [.. document.Units.Where(u => u.Kind == "committee").Select(u => u.Code)];
        Groups = [.. document.Units.Where(u => u.Kind == "activityGroup").Select(u => u.Code)];
        Root = document.Units.Single(u => u.Parent is null).Code;
    }

    public string Root { get; }

    public IReadOnlyList<string> Members { get; }

    public IReadOnlyList<string> Committees { get; }

    public IReadOnlyList<string> Groups { get; }

    public IEnumerable<string> CommitteesAt(string level) => Committees.Where(c => _units[c].Level == level);

    public bool IsCommittee(string code) => _units.TryGetValue(code, out var unit) && unit.Kind == "committee";

    public string LevelOf(string committee) => _units[committee].Level!;

    /// <summary>The committee a member submits to: the nearest committee above the member's group.</summary>
    public string CommitteeOf(string member)
    {
        var code = _groupOfMember[member];
        while (_units[code].Kind != "committee")
        {
            code = _units[code].Parent!;
        }

        return code;
    }

    /// <summary>Where a committee forwards to: a committee's parent is always a committee.</summary>
    public string? ParentCommittee(string committee) => _units[committee].Parent;

    /// <summary>The member and every unit above it, up to the root.</summary>
    public IEnumerable<string> SelfAndAncestors(string member)
    {
        yield return member;
        for (string? code = _groupOfMember[member]; code is not null; code = _units[code].Parent)
        {
            yield return code;
        }
    }
}

/// <summary>Piece-times the test expects, credited to the lead author and every unit above.</summary>
public sealed class ExpectedCounts(TreeModel tree)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, long>> _counts = new(StringComparer.Ordinal);

    public void Credit(string member, string counter)
    {
        lock (_lock)
        {
            foreach (var unit in tree.SelfAndAncestors(member))
            {
                var counters = _counts.TryGetValue(unit, out var c) ? c : _counts[unit] = new Dictionary<string, long>(StringComparer.Ordinal);
                counters[counter] = counters.GetValueOrDefault(counter) + 1;
            }
        }
    }

    public IReadOnlyDictionary<string, long> Of(string unit)
    {
        lock (_lock)
        {
            return _counts.TryGetValue(unit, out var c) ? new Dictionary<string, long>(c) : new Dictionary<string, long>();
        }
    }

    public IReadOnlyList<string> CreditedMembers(IEnumerable<string> members)
    {
        lock (_lock)
        {
            return [.. members.Where(_counts.ContainsKey)];
        }
    }
}

/// <summary>A report as the test believes it stands, from the answers it got. One worker owns it.</summary>
public sealed class ModelReport(string id, string lead, string committee, string level)
{
    public string Id { get; } = id;

    public string Lead { get; } = lead;

    public List<ModelLevel> Levels { get; } = [new ModelLevel(committee, level)];

    public ModelLevel Top => Levels[^1];

    public ModelLevel? Awaiting => Levels.Find(l => l.Awaiting);

    /// <summary>Something can still happen to it without a revision.</summary>
    public bool IsOpen => !Top.Declined || Awaiting is not null;

    public ModelLevel? At(string committee) => Levels.Find(l => l.Committee == committee);
}

public sealed class ModelLevel(string committee, string level)
{
    public string Committee { get; } = committee;

    public string Level { get; } = level;

    public bool Adopted { get; set; }

    public bool Forwarded { get; set; }

    public bool Declined { get; set; }

    public bool Awaiting { get; set; }

    /// <summary>Leader title and date of each endorsement recorded here.</summary>
    public HashSet<string> Endorsements { get; } = new(StringComparer.Ordinal);
}
