using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClosedXML.Excel;
using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Scoring;

/// <summary>
/// The year-end bulletin of 忻州市政协: the JSON, CSV and XLSX forms carry the same figures as the score,
/// ranking and tally endpoints; the printable page encodes every text it shows.
/// </summary>
[Collection(ScoringCollection.Name)]
public sealed class BulletinTests(DemoHostFixture host)
{
    private const string Xinzhou = "140900";
    private const string Daixian = "140923";
    private const string RulesName = "忻州市<b>考核</b>办法 & 通报";

    private ScoringKit Kit => new(host.Api);

    private static TestTree Tree => ScoringKit.Tree;

    [Fact]
    public async Task The_json_form_has_the_figures_of_the_ranking_and_tally_endpoints()
    {
        var bulletin = await Prepared();

        var units = bulletin["units"]!.AsArray();
        var children = (await Kit.Ok($"api/units/{Xinzhou}/ranking?of=children"))["rows"]!.AsArray();
        Assert.Equal(Triples(children), Triples(units));
        var members = bulletin["members"]!.AsArray();
        var ranked = (await Kit.Ok($"api/units/{Xinzhou}/ranking?of=members"))["rows"]!.AsArray();
        Assert.Equal(Triples(ranked), Triples(members));
        Assert.Equal(Tree.OwnMembers(Xinzhou).Count, members.Count);
        var parties = (await Kit.Ok($"api/units/{Xinzhou}/ranking?of=parties"))["rows"]!.ToJsonString();
        Assert.Equal(parties, bulletin["parties"]!.ToJsonString());

        var columns = bulletin["columns"]!.AsArray().Select(c => c!["counter"]!.GetValue<string>()).ToList();
        foreach (var row in units.Concat(members.Where(m => m!["status"]!["report.submitted"]!.GetValue<long>() > 0)))
        {
            var tally = (await Kit.Ok($"api/units/{row!["code"]!.GetValue<string>()}/tally"))["counters"]!;
            Assert.Equal(columns.Select(c => tally[c]!.GetValue<long>()), columns.Select(c => row["status"]![c]!.GetValue<long>()));
        }

        Assert.Equal(3, units.Single(u => u!["code"]!.GetValue<string>() == Daixian)!["status"]!["report.submitted"]!.GetValue<long>());
        Assert.Equal(RulesName, bulletin["rulesName"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_csv_and_xlsx_forms_carry_the_same_figures_as_the_json_form()
    {
        var bulletin = await Prepared();
        var columns = bulletin["columns"]!.AsArray().Select(c => c!["counter"]!.GetValue<string>()).ToList();
        var expectedUnits = Rows(bulletin["units"]!.AsArray(), columns);
        var expectedMembers = Rows(bulletin["members"]!.AsArray(), columns);
        var expectedParties = bulletin["parties"]!.AsArray().Select(p => new[]
        {
            p!["rank"]!.ToString(), p["code"]!.GetValue<string>(), p["members"]!.ToString(), Number(p["value"]), Number(p["score"]),
        }).ToList();

        // Downloaded as the committee's own staff would: the bulletin is not public.
        var staff = TestUser.Staff(Xinzhou);
        using var csvResponse = await host.Api.Open($"api/committees/{Xinzhou}/bulletin?format=csv", actor: staff);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", csvResponse.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{Xinzhou}-{China.Year}-通报.csv", csvResponse.Content.Headers.ContentDisposition?.FileNameStar);
        var csvBytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csvBytes[..3]);
        var sections = CsvSections(Encoding.UTF8.GetString(csvBytes, 3, csvBytes.Length - 3));
        Assert.Equal(expectedUnits, Keyed(sections["单位采用情况和考核排名"], columns.Count));
        Assert.Equal(expectedMembers, Keyed(sections["委员采用情况和考核排名"], columns.Count));
        Assert.Equal(expectedParties, sections["党派人均得分排名"].Skip(1).ToList());

        using var xlsxResponse = await host.Api.Open($"api/committees/{Xinzhou}/bulletin?format=xlsx", actor: staff);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Content.Headers.ContentType?.MediaType);
        using var workbook = new XLWorkbook(new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync()));
        Assert.Equal(["说明", "单位", "委员", "党派", "界别"], workbook.Worksheets.Select(w => w.Name));
        Assert.Equal(expectedUnits, Keyed(Sheet(workbook, "单位"), columns.Count));
        Assert.Equal(expectedMembers, Keyed(Sheet(workbook, "委员"), columns.Count));
        Assert.Equal(expectedParties, Sheet(workbook, "党派").Skip(1).ToList());
        Assert.Equal(XLDataType.Number, workbook.Worksheet("单位").Cell(2, 1).DataType);
        Assert.Contains(Sheet(workbook, "说明"), r => r[0] == "考核办法" && r[1] == RulesName);
    }

    [Fact]
    public async Task The_printable_page_encodes_every_text_it_shows()
    {
        await Prepared();

        var page = await host.Api.Get($"api/committees/{Xinzhou}/bulletin?format=html");

        Assert.Equal((200, "text/html"), (page.Code, page.MediaType));
        Assert.Contains("忻州市&lt;b&gt;考核&lt;/b&gt;办法 &amp; 通报", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page.Text, StringComparison.Ordinal);
        Assert.Contains(Tree.Member(Tree.FirstMemberOf(Xinzhou)).Name, page.Text, StringComparison.Ordinal);
        Assert.Contains("@media print", page.Text, StringComparison.Ordinal);
    }

    /// <summary>Once per host: the city's own rules, and reports by a county member and a city member.</summary>
    private async Task<JsonNode> Prepared()
    {
        await host.Shared("bulletin", async api =>
        {
            var put = await Kit.PutRules(Xinzhou, China.Year, ScoringKit.Rules(RulesName, reportPoints: 2, adoptedPoints: 5));
            Assert.True(put.Code == 200, put.ToString());
            var county = Tree.FirstMemberOf(Daixian);
            var city = Tree.FirstMemberOf(Xinzhou);
            var r1 = await Kit.Submit(county);
            await Kit.Act(r1, Daixian, "adopt");
            await Kit.Act(r1, Daixian, "forward");
            await Kit.Act(r1, Xinzhou, "adopt");
            await Kit.Submit(county, times: 2);
            var r2 = await Kit.Submit(city);
            await Kit.Act(r2, Xinzhou, "adopt");
            await Kit.Settled(Xinzhou);
            return new object();
        });

        return await Kit.Ok($"api/committees/{Xinzhou}/bulletin");
    }

    private static List<(int, string, decimal)> Triples(JsonArray rows) =>
        [.. rows.Select(r => (r!["rank"]!.GetValue<int>(), r["code"]!.GetValue<string>(), r["score"]!.GetValue<decimal>()))];

    /// <summary>Per row: rank, code, the status counts in column order, score and grade, all as text.</summary>
    private static List<string[]> Rows(JsonArray rows, List<string> columns) =>
    [
        .. rows.Select(r => new[] { r!["rank"]!.ToString(), r["code"]!.GetValue<string>() }
            .Concat(columns.Select(c => r["status"]![c]!.ToString()))
            .Concat([Number(r["score"]), r["grade"]?["label"]?.GetValue<string>() ?? ""])
            .ToArray()),
    ];

    /// <summary>The same cells from a table with headers: rank, code, then the status columns to the end.</summary>
    private static List<string[]> Keyed(List<string[]> table, int statusColumns)
    {
        var headers = table[0];
        var first = Array.IndexOf(headers, "报送");
        return [.. table.Skip(1).Select(r => new[] { r[0], r[1] }.Concat(r[first..(first + statusColumns + 2)]).ToArray())];
    }

    private static string Number(JsonNode? node) => node!.GetValue<decimal>().ToString(CultureInfo.InvariantCulture);

    /// <summary>A sheet's cells as text, every row as wide as its header row (an empty cell reads as "").</summary>
    private static List<string[]> Sheet(XLWorkbook workbook, string name)
    {
        var sheet = workbook.Worksheet(name);
        var width = sheet.Row(1).LastCellUsed().Address.ColumnNumber;
        return [.. sheet.RowsUsed().Select(r => Enumerable.Range(1, width).Select(c => r.Cell(c).GetString()).ToArray())];
    }

    /// <summary>Sections of the CSV by title: each a title line, a header line, rows; an empty line between.</summary>
    private static Dictionary<string, List<string[]>> CsvSections(string text)
    {
        var sections = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var block in text.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(ParseLine).ToList();
            sections[lines[0][0]] = lines[1..];
        }

        return sections;
    }

    private static string[] ParseLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
