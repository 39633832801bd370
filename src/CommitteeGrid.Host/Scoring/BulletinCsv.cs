using System.Text;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// The bulletin as one CSV file: each table is a section (its title on a line, then its header and
/// rows), sections apart by an empty line. UTF-8 with a byte order mark, so Excel shows the Chinese.
/// </summary>
public static class BulletinCsv
{
    public static byte[] Write(Bulletin bulletin)
    {
        var text = new StringBuilder();
        foreach (var table in BulletinTables.Of(bulletin))
        {
            Line(text, [table.Title]);
            Line(text, table.Headers);
            foreach (var row in table.Rows)
            {
                Line(text, row);
            }

            text.Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<object?> cells)
    {
        text.AppendJoin(',', cells.Select(Field));
        text.Append("\r\n");
    }

    /// <summary>Numbers as they are; text quoted, and text a spreadsheet would take for a formula kept as text.</summary>
    private static string Field(object? cell)
    {
        var value = BulletinTables.Text(cell);
        if (cell is not string)
        {
            return value;
        }

        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
