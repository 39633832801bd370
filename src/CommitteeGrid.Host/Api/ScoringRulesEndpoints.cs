using System.Globalization;
using System.Text.Json;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Abstractions.Scoring;
using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Scoring;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Scoring;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>A committee's scoring rules (考核办法) per year: read the current and earlier versions, replace them.</summary>
internal static class ScoringRulesEndpoints
{
    public static void MapScoringRulesEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/committees/{code}/scoring-rules/{year}").WithTags("Scoring rules");

        api.MapGet("", async (string code, string year, HttpContext http, NetworkCatalog catalog, RulesResolver resolver) =>
        {
            var (committee, y, problem) = Target(catalog, code, year);
            if (problem is not null)
            {
                return problem;
            }

            var rules = await resolver.Resolve(committee!, y);
            if (rules.Record is { } own && own.Committee == committee!.Code)
            {
                http.Response.Headers.ETag = ETag(own.Version);
            }

            return Results.Ok(View(rules.Rules, rules.Record, committee!.Code));
        }).WithName("GetScoringRules").RequireAccess("rules.read");

        api.MapGet("/versions", async (string code, string year, NetworkCatalog catalog, RulesResolver resolver) =>
        {
            var (committee, y, problem) = Target(catalog, code, year);
            if (problem is not null)
            {
                return problem;
            }

            var versions = await resolver.Grain(committee!.Code, y).GetVersions();
            return Results.Ok(new
            {
                Committee = committee.Code,
                Year = y,
                Versions = versions.Select(v => new { v.Version, resolver.Parse(v).Name, v.RecordedAt, v.RecordedBy }),
            });
        }).WithName("ListScoringRulesVersions").RequireAccess("rules.read");

        api.MapGet("/versions/{version}", async (string code, string year, string version, NetworkCatalog catalog, RulesResolver resolver) =>
        {
            var (committee, y, problem) = Target(catalog, code, year);
            if (problem is not null)
            {
                return problem;
            }

            var (v, badVersion) = QueryValues.Int("version", version, 1, int.MaxValue);
            if (badVersion is not null)
            {
                return badVersion;
            }

            var versions = await resolver.Grain(committee!.Code, y).GetVersions();
            return versions.FirstOrDefault(r => r.Version == v) is { } recorded
                ? Results.Ok(View(resolver.Parse(recorded), recorded, committee.Code))
                : Problems.NotFound($"committee {committee.Code} has {versions.Count} version(s) of its rules for {y}; there is no version {v}");
        }).WithName("GetScoringRulesVersion").RequireAccess("rules.read");

        api.MapPut("", async (string code, string year, HttpContext http, NetworkCatalog catalog, RulesResolver resolver) =>
        {
            var (committee, y, problem) = Target(catalog, code, year);
            if (problem is not null)
            {
                return problem;
            }

            var (meta, badMeta) = RequestContext.MetaOf(http);
            if (badMeta is not null)
            {
                return badMeta;
            }

            var (expected, badMatch) = IfMatch(http);
            if (badMatch is not null)
            {
                return badMatch;
            }

            var (request, badBody) = await JsonBody.Read<ReplaceScoringRulesRequest>(http.Request);
            if (badBody is not null)
            {
                return badBody;
            }

            if (expected is not null && request!.ExpectedVersion is not null && expected != request.ExpectedVersion)
            {
                return Problems.Invalid($"If-Match names version {expected} but expectedVersion is {request.ExpectedVersion}; send one, or the same in both");
            }

            var grain = resolver.Grain(committee!.Code, y);
            var result = await grain.Replace(meta!, JsonSerializer.Serialize(request!.ToDocument(), ScoringRulesJson.Options), expected ?? request.ExpectedVersion);
            if (result.Rejection is { } rejection)
            {
                return Problems.Of(rejection);
            }

            if (result.Replayed)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            var version = (int)result.Receipt!.Version;
            var recorded = (await grain.GetVersions()).First(r => r.Version == version);
            http.Response.Headers.ETag = ETag(version);
            return Results.Ok(View(resolver.Parse(recorded), recorded, committee.Code));
        }).WithName("ReplaceScoringRules").RequireAccess("rules.replace");
    }

    /// <summary>
    /// The rules as a client reads them: the document (what a replace request sends back), which
    /// committee's rules they are, the version and who recorded it when, and whether they are inherited.
    /// </summary>
    private static object View(ScoringRules rules, RecordedRules? record, string askedFor) => new
    {
        Committee = rules.Committee,
        rules.Year,
        Version = record?.Version ?? 1,
        rules.Name,
        rules.Source,
        rules.MaxTotal,
        rules.MemberItems,
        rules.UnitItems,
        rules.Grades,
        rules.UnitGrades,
        RequestedFor = askedFor,
        Inherited = rules.Committee != askedFor,
        IsDefault = rules.IsDefault,
        RecordedAt = record?.RecordedAt,
        RecordedBy = record?.RecordedBy,
    };

    private static (NetworkUnit? Committee, int Year, IResult? Problem) Target(NetworkCatalog catalog, string code, string year)
    {
        if (UnitEndpoints.Find(catalog, code, out var problem) is not { } unit)
        {
            return (null, 0, problem);
        }

        if (unit.Kind != UnitKind.Committee)
        {
            return (null, 0, Problems.Invalid($"unit '{code}' is {UnitEndpoints.Describe(unit.Kind)}, not a committee; scoring rules belong to committees"));
        }

        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < YearParam.Min or > YearParam.Max)
        {
            return (null, 0, Problems.Invalid($"year '{UnitEndpoints.Shorten(year)}' is not a year between {YearParam.Min} and {YearParam.Max}"));
        }

        return (unit, y, null);
    }

    /// <summary>If-Match: "N" (the ETag a read gave) names the version the change was made to.</summary>
    private static (int? Version, IResult? Problem) IfMatch(HttpContext http)
    {
        var values = http.Request.Headers.IfMatch;
        if (values.Count == 0)
        {
            return (null, null);
        }

        var text = values.Count == 1 ? values[0]!.Trim() : "";
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return text.Length > 2 && text[0] == '"' && text[^1] == '"' && int.TryParse(text[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? (v, null)
            : (null, Problems.Invalid("If-Match must be one ETag as given by a read of the rules, e.g. \"3\""));
    }

    private static string ETag(int version) => $"\"{version}\"";
}
