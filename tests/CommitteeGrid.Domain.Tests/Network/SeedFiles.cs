namespace CommitteeGrid.Domain.Tests.Network;

/// <summary>Finds seeds/*.json from the test output folder, wherever the repository is checked out.</summary>
internal static class SeedFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string DemoNetwork => Path.Combine(RepositoryRoot, "seeds", "demo-network.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommitteeGrid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds CommitteeGrid.sln.");
    }
}
