namespace CommitteeGrid.Deploy.Tests.Infrastructure;

/// <summary>Paths in the repository the tests run from (found by walking up to the solution file).</summary>
internal static class Repo
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string K8s => Path.Combine(Root, "k8s");

    public static string Base => Path.Combine(K8s, "base");

    public static string OverlaysDir => Path.Combine(K8s, "overlays");

    /// <summary>Every overlay (a folder with a kustomization) under k8s/overlays, by folder name.</summary>
    public static IReadOnlyList<string> Overlays() =>
        Directory.Exists(OverlaysDir)
            ? Directory.GetDirectories(OverlaysDir)
                .Where(d => File.Exists(Path.Combine(d, "kustomization.yaml")))
                .Select(Path.GetFileName)
                .OfType<string>()
                .Order(StringComparer.Ordinal)
                .ToList()
            : [];

    public static string Overlay(string name) => Path.Combine(OverlaysDir, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommitteeGrid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"CommitteeGrid.sln not found above {AppContext.BaseDirectory}.");
    }
}
