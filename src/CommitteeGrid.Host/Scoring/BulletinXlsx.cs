using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace CommitteeGrid.Host.Scoring;

/// <summary>
/// The bulletin as an Excel workbook (SpreadsheetML in a zip), one sheet per table: headers in bold on
/// the first row, numbers as numbers, text as inline strings. Written here with the framework's zip and
/// XML writers; no spreadsheet library runs in the service.
/// </summary>
public static class BulletinXlsx
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    public static byte[] Write(Bulletin bulletin)
    {
        var tables = BulletinTables.Of(bulletin);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", w =>
            {
                w.WriteStartElement("Types", "http://schemas.openxmlformats.org/package/2006/content-types");
                Default(w, "rels", "application/vnd.openxmlformats-package.relationships+xml");
                Default(w, "xml", "application/xml");
                Override(w, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
                Override(w, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
                for (var i = 1; i <= tables.Count; i++)
                {
                    Override(w, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
                }

                w.WriteEndElement();
            });

            Part(zip, "_rels/.rels", w =>
            {
                w.WriteStartElement("Relationships", PackageRelationships);
                Relationship(w, "rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "xl/workbook.xml");
                w.WriteEndElement();
            });

            Part(zip, "xl/workbook.xml", w =>
            {
                w.WriteStartElement("workbook", Main);
                w.WriteAttributeString("xmlns", "r", null, Relationships);
                w.WriteStartElement("sheets", Main);
                for (var i = 0; i < tables.Count; i++)
                {
                    w.WriteStartElement("sheet", Main);
                    w.WriteAttributeString("name", tables[i].SheetName);
                    w.WriteAttributeString("sheetId", (i + 1).ToString(CultureInfo.InvariantCulture));
                    w.WriteAttributeString("id", Relationships, $"rId{i + 1}");
                    w.WriteEndElement();
                }

                w.WriteEndElement();
                w.WriteEndElement();
            });

            Part(zip, "xl/_rels/workbook.xml.rels", w =>
            {
                w.WriteStartElement("Relationships", PackageRelationships);
                for (var i = 1; i <= tables.Count; i++)
                {
                    Relationship(w, $"rId{i}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", $"worksheets/sheet{i}.xml");
                }

                Relationship(w, $"rId{tables.Count + 1}", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles", "styles.xml");
                w.WriteEndElement();
            });

            Part(zip, "xl/styles.xml", Styles);
            for (var i = 0; i < tables.Count; i++)
            {
                var table = tables[i];
                Part(zip, $"xl/worksheets/sheet{i + 1}.xml", w => Sheet(w, table));
            }
        }

        return buffer.ToArray();
    }

    private static void Sheet(XmlWriter w, BulletinTable table)
    {
        w.WriteStartElement("worksheet", Main);
        w.WriteStartElement("cols", Main);
        for (var c = 1; c <= table.Headers.Count; c++)
        {
            w.WriteStartElement("col", Main);
            w.WriteAttributeString("min", c.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("max", c.ToString(CultureInfo.InvariantCulture));
            w.WriteAttributeString("width", table.SheetName == "说明" && c == 2 ? "100" : "14");
            w.WriteAttributeString("customWidth", "1");
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteStartElement("sheetData", Main);
        Row(w, 1, table.Headers, bold: true);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            Row(w, r + 2, table.Rows[r], bold: false);
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Row(XmlWriter w, int number, IEnumerable<object?> cells, bool bold)
    {
        w.WriteStartElement("row", Main);
        w.WriteAttributeString("r", number.ToString(CultureInfo.InvariantCulture));
        var column = 0;
        foreach (var cell in cells)
        {
            column++;
            w.WriteStartElement("c", Main);
            w.WriteAttributeString("r", ColumnName(column) + number.ToString(CultureInfo.InvariantCulture));
            if (bold)
            {
                w.WriteAttributeString("s", "1");
            }

            if (cell is int or long or decimal)
            {
                w.WriteElementString("v", Main, BulletinTables.Text(cell));
            }
            else
            {
                w.WriteAttributeString("t", "inlineStr");
                w.WriteStartElement("is", Main);
                w.WriteElementString("t", Main, BulletinTables.Text(cell));
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>A normal and a bold font: the least a workbook needs for bold headers.</summary>
    private static void Styles(XmlWriter w)
    {
        w.WriteStartElement("styleSheet", Main);
        w.WriteStartElement("fonts", Main);
        w.WriteAttributeString("count", "2");
        Font(w, bold: false);
        Font(w, bold: true);
        w.WriteEndElement();
        w.WriteStartElement("fills", Main);
        w.WriteAttributeString("count", "2");
        foreach (var pattern in new[] { "none", "gray125" })
        {
            w.WriteStartElement("fill", Main);
            w.WriteStartElement("patternFill", Main);
            w.WriteAttributeString("patternType", pattern);
            w.WriteEndElement();
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteStartElement("borders", Main);
        w.WriteAttributeString("count", "1");
        w.WriteStartElement("border", Main);
        foreach (var side in new[] { "left", "right", "top", "bottom", "diagonal" })
        {
            w.WriteElementString(side, Main, null);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteStartElement("cellStyleXfs", Main);
        w.WriteAttributeString("count", "1");
        Xf(w, font: 0, withParent: false);
        w.WriteEndElement();
        w.WriteStartElement("cellXfs", Main);
        w.WriteAttributeString("count", "2");
        Xf(w, font: 0, withParent: true);
        Xf(w, font: 1, withParent: true);
        w.WriteEndElement();
        w.WriteStartElement("cellStyles", Main);
        w.WriteAttributeString("count", "1");
        w.WriteStartElement("cellStyle", Main);
        w.WriteAttributeString("name", "Normal");
        w.WriteAttributeString("xfId", "0");
        w.WriteAttributeString("builtinId", "0");
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Font(XmlWriter w, bool bold)
    {
        w.WriteStartElement("font", Main);
        if (bold)
        {
            w.WriteElementString("b", Main, null);
        }

        w.WriteStartElement("sz", Main);
        w.WriteAttributeString("val", "11");
        w.WriteEndElement();
        w.WriteStartElement("name", Main);
        w.WriteAttributeString("val", "宋体");
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Xf(XmlWriter w, int font, bool withParent)
    {
        w.WriteStartElement("xf", Main);
        w.WriteAttributeString("numFmtId", "0");
        w.WriteAttributeString("fontId", font.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("fillId", "0");
        w.WriteAttributeString("borderId", "0");
        if (withParent)
        {
            w.WriteAttributeString("xfId", "0");
        }

        if (font != 0)
        {
            w.WriteAttributeString("applyFont", "1");
        }

        w.WriteEndElement();
    }

    private static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + ((column - 1) % 26)) + name;
        }

        return name;
    }

    private static void Part(ZipArchive zip, string name, Action<XmlWriter> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var stream = entry.Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static void Default(XmlWriter w, string extension, string type)
    {
        w.WriteStartElement("Default", "http://schemas.openxmlformats.org/package/2006/content-types");
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string part, string type)
    {
        w.WriteStartElement("Override", "http://schemas.openxmlformats.org/package/2006/content-types");
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", PackageRelationships);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }
}
