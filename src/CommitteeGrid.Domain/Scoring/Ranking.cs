namespace CommitteeGrid.Domain.Scoring;

/// <summary>Competition ranking with a stated, deterministic order for ties.</summary>
public static class Ranking
{
    public const string TieOrder =
        "by value, highest first; equal values share a rank and the next rank skips (1, 2, 2, 4); rows of equal value are listed by code in ordinal (code point) order";

    /// <summary>The rows ranked: rank 1 + the number of rows with a strictly higher value.</summary>
    public static IReadOnlyList<Ranked<T>> Rank<T>(IEnumerable<T> rows, Func<T, decimal> value, Func<T, string> code)
    {
        var ordered = rows
            .Select(r => (Row: r, Value: value(r), Code: code(r)))
            .OrderByDescending(r => r.Value)
            .ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
        var ranked = new List<Ranked<T>>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && ordered[i].Value == ordered[i - 1].Value ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new Ranked<T>(rank, ordered[i].Row, ordered[i].Value));
        }

        return ranked;
    }
}

public sealed record Ranked<T>(int Rank, T Row, decimal Value);
