using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Host.Hosting;

internal static class NetworkLoader
{
    public static (CommitteeNetwork Network, string Path) Load(string file)
    {
        var candidates = Path.IsPathRooted(file)
            ? [file]
            : new[] { Path.GetFullPath(file), Path.Combine(AppContext.BaseDirectory, file) };
        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The network file '{file}' was not found (looked in: {string.Join(", ", candidates)}). Set CommitteeGrid:NetworkFile.");
        return (CommitteeNetwork.Build(NetworkJson.ReadFile(found)), found);
    }
}
