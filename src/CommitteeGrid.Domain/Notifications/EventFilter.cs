using CommitteeGrid.Abstractions.Notifications;

namespace CommitteeGrid.Domain.Notifications;

/// <summary>
/// Which event kinds a webhook receives: every kind when the list is empty, otherwise the kinds named,
/// where "family.*" names every kind of the family (e.g. "proposal.*").
/// </summary>
public static class EventFilter
{
    public const int MaxEntries = 32;

    /// <summary>The list cleaned (each entry once, in order), or what is wrong with it.</summary>
    public static (IReadOnlyList<string> Kinds, string? Problem) Check(IReadOnlyList<string>? kinds)
    {
        if (kinds is null || kinds.Count == 0)
        {
            return ([], null);
        }

        if (kinds.Count > MaxEntries)
        {
            return ([], $"events may name at most {MaxEntries} kinds");
        }

        foreach (var kind in kinds)
        {
            var known = kind is not null && (EventKinds.All.Contains(kind)
                || (kind.EndsWith(".*", StringComparison.Ordinal) && EventKinds.All.Any(k => k.StartsWith(kind[..^1], StringComparison.Ordinal))));
            if (!known)
            {
                return ([], $"event kind '{Shorten(kind)}' is not known; expected one of {string.Join(", ", EventKinds.All)}, or a family such as report.* or proposal.*");
            }
        }

        return ([.. kinds.Distinct(StringComparer.Ordinal)], null);
    }

    public static bool Matches(IReadOnlyList<string> filter, string kind) =>
        filter.Count == 0 || filter.Any(f => f == kind || (f.EndsWith(".*", StringComparison.Ordinal) && kind.StartsWith(f[..^1], StringComparison.Ordinal)));

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 60 ? text : text[..60] + "…";
}
