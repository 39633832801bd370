using CommitteeGrid.Bench;

namespace CommitteeGrid.Postgres.Tests;

/// <summary>Where the host's build is, for tests that start silos as processes.</summary>
internal static class HostBuild
{
    /// <summary>The host build of the same configuration as this test (which the test build refreshed), else the other one.</summary>
    public static string Dll()
    {
        var root = HostLauncher.RepositoryRoot();
        var mine = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        foreach (var configuration in new[] { mine, mine == "Debug" ? "Release" : "Debug" })
        {
            var dll = Path.Combine(root, "src", "CommitteeGrid.Host", "bin", configuration, "net10.0", "CommitteeGrid.Host.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new InvalidOperationException($"no host build under {root}/src/CommitteeGrid.Host/bin; build the solution first");
    }
}
