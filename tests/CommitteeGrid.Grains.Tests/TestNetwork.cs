using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;
using CommitteeGrid.Domain.Tallies;

namespace CommitteeGrid.Grains.Tests;

/// <summary>The demo network from seeds/, found from the test's output folder.</summary>
public static class TestNetwork
{
    private static readonly Lazy<CommitteeNetwork> Demo = new(() => CommitteeNetwork.Build(NetworkJson.ReadFile(Path.Combine(RepositoryRoot(), "seeds", "demo-network.json"))));

    public static CommitteeNetwork DemoNetwork => Demo.Value;

    public const string Xiangzhou = "420607";
    public const string Dazhu = "511724";

    /// <summary>
    /// The seed handling units, and sessions whose plenary includes today in China: Xiangzhou's "10-6"
    /// (with an earlier "10-5") and Dazhu's "12-5". Other committees have annual sessions.
    /// </summary>
    public static ProposalCatalog Proposals()
    {
        var today = CivilTime.DateOf(DateTimeOffset.UtcNow);
        var sessions = new SessionsDocument
        {
            Sessions =
            [
                new SessionDocument { Committee = Xiangzhou, Term = 10, Session = 5, PlenaryStart = today.AddDays(-320), PlenaryEnd = today.AddDays(-317) },
                new SessionDocument { Committee = Xiangzhou, Term = 10, Session = 6, PlenaryStart = today.AddDays(-1), PlenaryEnd = today.AddDays(1) },
                new SessionDocument { Committee = Dazhu, Term = 12, Session = 5, PlenaryStart = today, PlenaryEnd = today.AddDays(2) },
            ],
        };
        var units = ProposalSeedJson.Read<HandlingUnitsDocument>(Path.Combine(RepositoryRoot(), "seeds", "handling-units.json"));
        return new ProposalCatalog(DemoNetwork, SessionCalendar.Build(sessions, DemoNetwork), HandlingUnitDirectory.Build(units, DemoNetwork));
    }

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
