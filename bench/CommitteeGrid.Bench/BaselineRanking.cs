using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace CommitteeGrid.Bench;

/// <summary>
/// A committee ranking its child committees by counters, highest first (ties by code), got two ways:
/// from the live rollups over the HTTP API, and by aggregating the ledger at query time in SQL, as a
/// conventional system would.
/// </summary>
public sealed class BaselineRanking(string parent, string parentPath, int year, IReadOnlyList<string> children, IReadOnlyList<string> columns)
{
    // split_part counts from 1 and the path starts with the root's code, so a child committee of the
    // parent is the segment just after the parent's last one.
    private readonly int _segment = parentPath.Split('/').Length + 1;

    public string Parent => parent;

    public IReadOnlyList<string> Columns => columns;

    /// <summary>Way A: the unit's children from the API, then every child committee's live tally, concurrently.</summary>
    public async Task<List<RankedUnit>> FromRollups(HttpClient http, CancellationToken ct = default)
    {
        var unit = await http.GetFromJsonAsync<JsonNode>($"/api/units/{parent}", ct);
        var codes = unit!["children"]!.AsArray()
            .Where(c => c!["kind"]!.GetValue<string>() == "committee")
            .Select(c => c!["code"]!.GetValue<string>())
            .ToList();
        var tallies = await Task.WhenAll(codes.Select(c => http.GetFromJsonAsync<JsonNode>($"/api/units/{c}/tally?year={year}", ct)));
        return Rank(tallies.Select(t => new RankedUnit(
            t!["code"]!.GetValue<string>(),
            [.. columns.Select(c => t["counters"]![c]?.GetValue<long>() ?? 0)])));
    }

    /// <summary>
    /// Way B: one query over cg_ledger_tally for the subtree (a path prefix, as the ledger's own queries
    /// select a subtree) and year, grouped by the path segment that names the child committee.
    /// </summary>
    public async Task<List<RankedUnit>> FromLedger(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var cmd = Query(db, "");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var found = new Dictionary<string, long[]>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            found[reader.GetString(0)] = [.. columns.Select((_, i) => reader.GetInt64(i + 1))];
        }

        // A child with nothing counted has no rows at all; it still ranks, with zeros.
        return Rank(children.Select(c => new RankedUnit(c, found.GetValueOrDefault(c) ?? new long[columns.Count])));
    }

    /// <summary>The scan nodes of Way B's plan, for the record.</summary>
    public async Task<string> LedgerPlan(NpgsqlDataSource db)
    {
        await using var cmd = Query(db, "EXPLAIN ");
        await using var reader = await cmd.ExecuteReaderAsync();
        var nodes = new List<string>();
        while (await reader.ReadAsync())
        {
            var line = reader.GetString(0).Trim().TrimStart('-', '>', ' ');
            if (line.Contains("Scan", StringComparison.Ordinal) || line.StartsWith("Gather", StringComparison.Ordinal))
            {
                var cost = line.IndexOf("  (", StringComparison.Ordinal);
                nodes.Add(cost < 0 ? line : line[..cost]);
            }
        }

        return string.Join(" ← ", nodes);
    }

    private NpgsqlCommand Query(NpgsqlDataSource db, string prefix)
    {
        var sums = string.Join(", ", columns.Select((_, i) => $"coalesce(sum(delta) FILTER (WHERE counter = ${i + 6}), 0)::bigint"));
        var cmd = db.CreateCommand($"""
            {prefix}SELECT split_part(path, '/', $1) AS unit, {sums}
            FROM cg_ledger_tally
            WHERE year = $2 AND path LIKE $3 AND counter = ANY($4) AND split_part(path, '/', $1) = ANY($5)
            GROUP BY 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = _segment });
        cmd.Parameters.Add(new NpgsqlParameter { Value = year });
        cmd.Parameters.Add(new NpgsqlParameter { Value = parentPath + "/%" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = columns.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = children.ToArray() });
        foreach (var column in columns)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = column });
        }

        return cmd;
    }

    private static List<RankedUnit> Rank(IEnumerable<RankedUnit> units) =>
        [.. units.Order(Comparer<RankedUnit>.Create(static (a, b) =>
        {
            for (var i = 0; i < a.Values.Length; i++)
            {
                var c = b.Values[i].CompareTo(a.Values[i]);
                if (c != 0)
                {
                    return c;
                }
            }

            return string.CompareOrdinal(a.Code, b.Code);
        }))];

    /// <summary>Null when both ways agree on order and numbers; otherwise where they first differ.</summary>
    public static string? Difference(List<RankedUnit> a, List<RankedUnit> b)
    {
        if (a.Count != b.Count)
        {
            return $"{a.Count} units from the rollups, {b.Count} from the ledger";
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Code != b[i].Code || !a[i].Values.SequenceEqual(b[i].Values))
            {
                return $"place {i + 1}: rollups say {a[i]}, ledger says {b[i]}";
            }
        }

        return null;
    }
}
