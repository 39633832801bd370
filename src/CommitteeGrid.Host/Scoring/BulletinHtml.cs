using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// The bulletin as a printable page, rendered on the server. Every text that comes from data (names,
/// rules, labels) is HTML-encoded; Chinese stays readable rather than turned into character references.
/// </summary>
public static class BulletinHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Write(Bulletin bulletin)
    {
        var tables = BulletinTables.Of(bulletin);
        var title = $"{bulletin.Committee.Name}{bulletin.Year}年度社情民意信息采用情况和委员履职考核通报";
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(Encode(title))
            .Append("</title>\n<style>\n")
            .Append("body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"SimSun\",sans-serif;margin:2em;color:#111}\n")
            .Append("h1{font-size:1.5em;text-align:center}h2{font-size:1.15em;margin-top:1.6em}\n")
            .Append("table{border-collapse:collapse;width:100%;font-size:.85em}th,td{border:1px solid #777;padding:.25em .4em}\n")
            .Append("th{background:#eee}td.n{text-align:right}\n")
            .Append("@media print{body{margin:0}h2{page-break-after:avoid}table{page-break-inside:auto}tr{page-break-inside:avoid}thead{display:table-header-group}}\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(Encode(title)).Append("</h1>\n");

        foreach (var table in tables)
        {
            html.Append("<h2>").Append(Encode(table.Title)).Append("</h2>\n<table>\n<thead><tr>");
            foreach (var header in table.Headers)
            {
                html.Append("<th>").Append(Encode(header)).Append("</th>");
            }

            html.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                foreach (var cell in row)
                {
                    html.Append(cell is int or long or decimal ? "<td class=\"n\">" : "<td>").Append(Encode(BulletinTables.Text(cell))).Append("</td>");
                }

                html.Append("</tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string text) => Encoder.Encode(text);
}
