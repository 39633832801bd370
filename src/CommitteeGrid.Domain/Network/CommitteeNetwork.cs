using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Domain.Network;

/// <summary>
/// The validated, read-only committee network. Reference data: every silo holds the same copy, so a
/// grain learns its place in the tree without a storage round trip.
/// </summary>
public sealed class CommitteeNetwork
{
    private readonly Dictionary<string, NetworkUnit> _units;

    private CommitteeNetwork(string name, Dictionary<string, NetworkUnit> units, NetworkUnit root)
    {
        Name = name;
        _units = units;
        Root = root;
    }

    public string Name { get; }

    public NetworkUnit Root { get; }

    public int UnitCount => _units.Count;

    public IEnumerable<NetworkUnit> Units => _units.Values;

    public NetworkUnit? Find(string? code) =>
        code is not null && _units.TryGetValue(code, out var unit) ? unit : null;

    public NetworkUnit Get(string code) =>
        Find(code) ?? throw new KeyNotFoundException($"Unit '{code}' is not in the network.");

    public IEnumerable<NetworkUnit> Children(NetworkUnit unit) => unit.ChildCodes.Select(c => _units[c]);

    /// <summary>The unit and everything below it, parents before children.</summary>
    public IEnumerable<NetworkUnit> Subtree(NetworkUnit unit)
    {
        var stack = new Stack<NetworkUnit>();
        stack.Push(unit);
        while (stack.Count > 0)
        {
            var next = stack.Pop();
            yield return next;
            for (var i = next.ChildCodes.Count - 1; i >= 0; i--)
            {
                stack.Push(_units[next.ChildCodes[i]]);
            }
        }
    }

    /// <summary>The unit itself, then its parent, up to the root.</summary>
    public IEnumerable<NetworkUnit> SelfAndAncestors(NetworkUnit unit)
    {
        for (NetworkUnit? u = unit; u is not null; u = Find(u.ParentCode))
        {
            yield return u;
        }
    }

    /// <summary>True when <paramref name="unit"/> is <paramref name="scope"/> or below it.</summary>
    public static bool IsWithin(NetworkUnit unit, NetworkUnit scope) =>
        unit.Path == scope.Path || unit.Path.StartsWith(scope.Path + "/", StringComparison.Ordinal);

    /// <summary>The committee above a committee (where a report is forwarded), or null at the top.</summary>
    public NetworkUnit? ParentCommittee(NetworkUnit committee) =>
        SelfAndAncestors(committee).Skip(1).FirstOrDefault(u => u.IsCommittee);

    public static CommitteeNetwork Build(NetworkDocument document)
    {
        var problems = new List<string>();
        var units = new Dictionary<string, NetworkUnit>(StringComparer.Ordinal);

        foreach (var doc in document.Units ?? [])
        {
            if (doc is null)
            {
                problems.Add("a unit entry is null");
                continue;
            }

            if (!UnitCodes.IsWellFormed(doc.Code))
            {
                problems.Add($"unit code '{doc.Code}' is not 1-{UnitCodes.MaxLength} letters, digits or '-'");
                continue;
            }

            var kind = (doc.Kind ?? "").Trim().ToLowerInvariant() switch
            {
                "committee" => UnitKind.Committee,
                "liaisonoffice" => UnitKind.LiaisonOffice,
                "activitygroup" => UnitKind.ActivityGroup,
                _ => (UnitKind)0,
            };
            if (kind == 0)
            {
                problems.Add($"unit '{doc.Code}' has kind '{doc.Kind}'; expected committee, liaisonOffice or activityGroup");
                continue;
            }

            var level = CommitteeLevel.None;
            if (kind == UnitKind.Committee && !CommitteeLevels.TryParse(doc.Level, out level))
            {
                problems.Add($"committee '{doc.Code}' has level '{doc.Level}'; expected national, province, city or county");
                continue;
            }

            if (string.IsNullOrWhiteSpace(doc.Name))
            {
                problems.Add($"unit '{doc.Code}' has no name");
            }

            if (!units.TryAdd(doc.Code, new NetworkUnit(doc.Code, kind, level, (doc.Name ?? "").Trim(), NullIfBlank(doc.Parent))
            {
                SpecialCommittee = NullIfBlank(doc.SpecialCommittee),
            }))
            {
                problems.Add($"unit code '{doc.Code}' appears twice");
            }
        }

        foreach (var doc in document.Members ?? [])
        {
            if (doc is null)
            {
                problems.Add("a member entry is null");
                continue;
            }

            if (!UnitCodes.IsWellFormed(doc.Code))
            {
                problems.Add($"member code '{doc.Code}' is not 1-{UnitCodes.MaxLength} letters, digits or '-'");
                continue;
            }

            if (string.IsNullOrWhiteSpace(doc.Name))
            {
                problems.Add($"member '{doc.Code}' has no name");
            }

            if (!Parties.IsKnown(doc.Party ?? ""))
            {
                problems.Add($"member '{doc.Code}' has party '{doc.Party}'; expected one of {string.Join(", ", Parties.All)}");
            }

            if (string.IsNullOrWhiteSpace(doc.Sector))
            {
                problems.Add($"member '{doc.Code}' has no sector (界别)");
            }

            if (!units.TryAdd(doc.Code, new NetworkUnit(doc.Code, UnitKind.Member, CommitteeLevel.None, (doc.Name ?? "").Trim(), NullIfBlank(doc.Group))
            {
                Sector = (doc.Sector ?? "").Trim(),
                Party = doc.Party,
            }))
            {
                problems.Add($"member code '{doc.Code}' is already used by another unit or member");
            }
        }

        NetworkUnit? root = null;
        foreach (var unit in units.Values)
        {
            if (unit.ParentCode is null)
            {
                if (unit.Kind != UnitKind.Committee)
                {
                    problems.Add($"{Describe(unit)} has no parent; only a committee can be the root");
                }
                else if (root is not null)
                {
                    problems.Add($"both '{root.Code}' and '{unit.Code}' have no parent; a network has one root");
                }
                else
                {
                    root = unit;
                }

                continue;
            }

            if (!units.TryGetValue(unit.ParentCode, out var parent))
            {
                problems.Add($"{Describe(unit)} names parent '{unit.ParentCode}', which is not in the network");
                continue;
            }

            var fits = unit.Kind switch
            {
                UnitKind.Committee => parent.Kind == UnitKind.Committee && parent.Level > unit.Level,
                UnitKind.LiaisonOffice => parent.Kind == UnitKind.Committee && parent.Level is CommitteeLevel.County or CommitteeLevel.City,
                UnitKind.ActivityGroup => parent.Kind is UnitKind.Committee or UnitKind.LiaisonOffice,
                UnitKind.Member => parent.Kind == UnitKind.ActivityGroup,
                _ => false,
            };
            if (!fits)
            {
                problems.Add($"{Describe(unit)} cannot sit under {Describe(parent)}");
                continue;
            }

            parent.ChildCodes.Add(unit.Code);
        }

        if (root is null && problems.Count == 0)
        {
            problems.Add("the network has no root committee");
        }

        if (problems.Count > 0)
        {
            throw new NetworkValidationException(problems);
        }

        // Walk from the root to set paths and committees. Every unit is reached: each kind may only sit
        // under a strictly higher kind (or a higher committee level), so parent chains cannot loop.
        var stack = new Stack<NetworkUnit>();
        root!.Path = root.Code;
        root.CommitteeCode = root.Code;
        stack.Push(root);
        var order = new List<NetworkUnit>(units.Count);
        while (stack.Count > 0)
        {
            var unit = stack.Pop();
            order.Add(unit);
            foreach (var childCode in unit.ChildCodes)
            {
                var child = units[childCode];
                child.Path = unit.Path + "/" + child.Code;
                child.Depth = unit.Depth + 1;
                child.CommitteeCode = child.IsCommittee ? child.Code : unit.CommitteeCode;
                stack.Push(child);
            }
        }

        // Children before parents: count members bottom-up.
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var unit = order[i];
            unit.MemberCount = unit.Kind == UnitKind.Member ? 1 : unit.ChildCodes.Sum(c => units[c].MemberCount);
        }

        return new CommitteeNetwork(string.IsNullOrWhiteSpace(document.Name) ? root.Name : document.Name, units, root);
    }

    private static string Describe(NetworkUnit unit) =>
        unit.Kind == UnitKind.Committee ? $"{unit.Level.Key()} committee '{unit.Code}'" : $"{unit.Kind} '{unit.Code}'";

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
