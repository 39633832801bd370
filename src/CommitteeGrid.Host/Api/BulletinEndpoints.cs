using System.Text;
using CommitteeGrid.Abstractions.Network;
using CommitteeGrid.Grains.Services;
using CommitteeGrid.Host.Scoring;
using CommitteeGrid.Host.Security;

namespace CommitteeGrid.Host.Api;

/// <summary>The year-end bulletin (通报) of a committee: JSON, CSV, XLSX or a printable page.</summary>
internal static class BulletinEndpoints
{
    public static void MapBulletinEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/committees/{code}/bulletin", async (string code, string? year, string? asOf, string? format, NetworkCatalog catalog, BulletinBuilder builder, TimeProvider clock) =>
        {
            if (UnitEndpoints.Find(catalog, code, out var problem) is not { } committee)
            {
                return problem!;
            }

            if (committee.Kind != UnitKind.Committee)
            {
                return Problems.Invalid($"unit '{code}' is {UnitEndpoints.Describe(committee.Kind)}, not a committee; bulletins are published by committees");
            }

            var (y, day, badDate) = AsOfParam.Parse(year, asOf, clock);
            if (badDate is not null)
            {
                return badDate;
            }

            var kind = (format ?? "json").ToLowerInvariant();
            if (kind is not ("json" or "csv" or "xlsx" or "html"))
            {
                return Problems.Invalid($"format '{UnitEndpoints.Shorten(format!)}' is not one of json, csv, xlsx, html");
            }

            var bulletin = await builder.Build(committee, y, day);
            var file = $"{committee.Code}-{y}-通报";
            return kind switch
            {
                "csv" => Results.File(BulletinCsv.Write(bulletin), "text/csv; charset=utf-8", file + ".csv"),
                "xlsx" => Results.File(BulletinXlsx.Write(bulletin), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file + ".xlsx"),
                "html" => Results.Text(BulletinHtml.Write(bulletin), "text/html; charset=utf-8", Encoding.UTF8),
                _ => Results.Ok(bulletin),
            };
        }).WithTags("Bulletin").WithName("GetBulletin").RequireAccess("bulletin.read");
    }
}
