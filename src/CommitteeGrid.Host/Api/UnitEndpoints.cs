using CommitteeGrid.Abstractions.Tallies;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Tallies;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>The network and its live tallies.</summary>
internal static class UnitEndpoints
{
    public static void MapUnitEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Network");

        api.MapGet("/network", (NetworkCatalog catalog) => Results.Ok(new
        {
            catalog.Network.Name,
            Root = catalog.Network.Root.ToInfo(),
            Units = catalog.Network.UnitCount,
            Members = catalog.Network.Root.MemberCount,
        })).WithName("GetNetwork").RequireAccess("network.read");

        api.MapGet("/units/{code}", (string code, NetworkCatalog catalog) =>
        {
            if (Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var network = catalog.Network;
            return Results.Ok(new
            {
                Unit = unit.ToInfo(),
                Ancestors = network.SelfAndAncestors(unit).Skip(1).Reverse().Select(a => new { a.Code, a.Name, a.Kind }),
                Children = network.Children(unit).Select(c => c.ToInfo()),
            });
        }).WithName("GetUnit").RequireAccess("unit.read");

        api.MapGet("/units/{code}/tally", async (string code, string? year, NetworkCatalog catalog, IGrainFactory grains, TimeProvider clock) =>
        {
            if (Find(catalog, code, out var problem) is not { } unit)
            {
                return problem!;
            }

            var (y, badYear) = YearParam.Parse(year, clock);
            if (badYear is not null)
            {
                return badYear;
            }

            var tally = await grains.UnitGrain(unit.Kind, unit.Code).GetTally(y);
            return Results.Ok(WithZeros(tally));
        }).WithName("GetUnitTally").RequireAccess("unit.read");
    }

    /// <summary>Every known counter, zero where nothing has happened, so clients need not guess names.</summary>
    internal static UnitTally WithZeros(UnitTally tally)
    {
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in Counters.AllReportCounters.Concat(ProposalCounters.All).Concat(DutyCounters.All))
        {
            counters[counter] = 0;
        }

        foreach (var (counter, value) in tally.Counters)
        {
            counters[counter] = value;
        }

        return tally with { Counters = counters };
    }

    internal static NetworkUnit? Find(NetworkCatalog catalog, string code, out IResult? problem)
    {
        problem = null;
        if (!UnitCodes.IsWellFormed(code))
        {
            problem = Problems.Invalid($"'{Shorten(code)}' is not a unit code (1-{UnitCodes.MaxLength} letters, digits or '-')");
            return null;
        }

        var unit = catalog.Network.Find(code);
        if (unit is null)
        {
            problem = Problems.NotFound($"unit '{code}' is not in the network");
        }

        return unit;
    }

    internal static string Describe(Abstractions.Network.UnitKind kind) => kind switch
    {
        Abstractions.Network.UnitKind.Member => "a member",
        Abstractions.Network.UnitKind.ActivityGroup => "an activity group",
        Abstractions.Network.UnitKind.LiaisonOffice => "a liaison office",
        _ => "a committee",
    };

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
