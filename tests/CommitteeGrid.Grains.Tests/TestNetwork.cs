using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Grains.Tests;

/// <summary>The demo network from seeds/, found from the test's output folder.</summary>
public static class TestNetwork
{
    private static readonly Lazy<CommitteeNetwork> Demo = new(() => CommitteeNetwork.Build(NetworkJson.ReadFile(Path.Combine(RepositoryRoot(), "seeds", "demo-network.json"))));

    public static CommitteeNetwork DemoNetwork => Demo.Value;

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommitteeGrid.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CommitteeGrid.sln not found above " + AppContext.BaseDirectory);
    }
}
