using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace CommitteeGrid.Domain.Network;

/// <summary>Reads and writes network documents (camelCase JSON, Chinese kept readable).</summary>
public static class NetworkJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static NetworkDocument Read(Stream stream) =>
        JsonSerializer.Deserialize<NetworkDocument>(stream, Options) ?? throw new NetworkValidationException(["the network file is empty"]);

    public static NetworkDocument ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static void Write(NetworkDocument document, Stream stream) =>
        JsonSerializer.Serialize(stream, document, Options);

    public static void WriteFile(NetworkDocument document, string path)
    {
        using var stream = File.Create(path);
        Write(document, stream);
    }
}
