using System.Reflection;
using System.Security.Cryptography;

namespace CommitteeGrid.Host.Pages;

/// <summary>One file of the web pages, held in memory with its validator.</summary>
internal sealed record PageAsset(string Name, byte[] Content, string ContentType, string ETag);

/// <summary>
/// The pages' HTML, CSS and JavaScript, embedded in this assembly (Pages/Site) so that they are served
/// the same whatever the working directory: `dotnet run`, a test host in process, a published container.
/// </summary>
internal sealed class PageAssets
{
    private const string Prefix = "site/";

    private readonly Dictionary<string, PageAsset> _assets = new(StringComparer.Ordinal);

    public PageAssets()
    {
        var assembly = typeof(PageAssets).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..];
            var content = Read(assembly, resource);
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"";
            _assets[name] = new PageAsset(name, content, ContentTypeOf(name), etag);
        }
    }

    public IEnumerable<string> Names => _assets.Keys;

    public PageAsset? Find(string name) => _assets.GetValueOrDefault(name);

    public PageAsset Get(string name) =>
        Find(name) ?? throw new InvalidOperationException($"The page file '{name}' is not embedded in the host.");

    private static byte[] Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };
}
