using System.Globalization;
using CommitteeGrid.Domain.Scoring;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// The bulletin as tables (about, units, members, parties, sectors): the one layout that the CSV, XLSX
/// and HTML forms all render, so the three cannot disagree. A cell is text, a whole number or a decimal.
/// </summary>
public sealed record BulletinTable(string Title, string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

public static class BulletinTables
{
    public static IReadOnlyList<BulletinTable> Of(Bulletin bulletin)
    {
        var status = bulletin.Columns.Select(c => c.Label).ToList();
        var kindNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["committee"] = "委员会",
            ["liaisonOffice"] = "联络处",
            ["activityGroup"] = "活动组",
            ["member"] = "委员",
        };

        return
        [
            new BulletinTable("说明", "说明", ["项目", "内容"],
            [
                ["委员会", $"{bulletin.Committee.Name}（{bulletin.Committee.Code}）"],
                ["年度", bulletin.Year],
                ["数据截至", bulletin.AsOf is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "实时（" + bulletin.GeneratedAt.ToOffset(Domain.Tallies.CivilTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "）"],
                ["考核办法", bulletin.RulesName],
                ["排名规则", "按得分从高到低；得分相同者名次并列，其后名次顺延（1、2、2、4）；并列者按代码排列。" + bulletin.TieOrder],
                ["统计口径", "篇次：一篇信息被市级采用并报送全国政协，在两栏各计一次。"],
            ]),
            new BulletinTable("单位采用情况和考核排名", "单位", ["名次", "代码", "名称", "类别", "委员数", .. status, "得分", "等次"],
            [
                .. bulletin.Units.Select(r => (IReadOnlyList<object?>)
                [
                    r.Rank, r.Code, r.Name, kindNames.GetValueOrDefault(r.Kind, r.Kind), r.Members,
                    .. bulletin.Columns.Select(c => (object?)r.Status[c.Counter]), r.Score, r.Grade?.Label ?? "",
                ]),
            ]),
            new BulletinTable("委员采用情况和考核排名", "委员", ["名次", "代码", "姓名", "活动组", "党派", "界别", .. status, "得分", "等次"],
            [
                .. bulletin.Members.Select(r => (IReadOnlyList<object?>)
                [
                    r.Rank, r.Code, r.Name, r.Group, r.Party, r.Sector,
                    .. bulletin.Columns.Select(c => (object?)r.Status[c.Counter]), r.Score, r.Grade?.Label ?? "",
                ]),
            ]),
            Grouped("党派人均得分排名", "党派", "党派", bulletin.Parties),
            Grouped("界别人均得分排名", "界别", "界别", bulletin.Sectors),
        ];
    }

    private static BulletinTable Grouped(string title, string sheet, string heading, IReadOnlyList<RankingRow> rows) =>
        new(title, sheet, ["名次", heading, "委员数", "人均得分", "总得分"],
        [
            .. rows.Select(r => (IReadOnlyList<object?>)[r.Rank, r.Name, r.Members, r.Value, r.Score]),
        ]);

    /// <summary>How a cell reads as text (numbers without trailing zeros, invariant culture).</summary>
    public static string Text(object? cell) => cell switch
    {
        null => "",
        decimal d => ScoreMath.Normalize(d).ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
