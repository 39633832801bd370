using CommitteeGrid.Domain.Network;
using CommitteeGrid.Domain.Proposals;

namespace CommitteeGrid.Host.Hosting;

internal static class NetworkLoader
{
    public static (CommitteeNetwork Network, string Path) Load(string file)
    {
        var found = Resolve(file, "network file", "CommitteeGrid:NetworkFile");
        return (CommitteeNetwork.Build(NetworkJson.ReadFile(found)), found);
    }

    /// <summary>The network with the committees' sessions and handling units.</summary>
    public static ProposalCatalog LoadProposalCatalog(CommitteeNetwork network, string sessionsFile, string handlingUnitsFile)
    {
        var sessions = SessionCalendar.Build(
            ProposalSeedJson.Read<SessionsDocument>(Resolve(sessionsFile, "sessions file", "CommitteeGrid:SessionsFile")), network);
        var units = HandlingUnitDirectory.Build(
            ProposalSeedJson.Read<HandlingUnitsDocument>(Resolve(handlingUnitsFile, "handling units file", "CommitteeGrid:HandlingUnitsFile")), network);
        return new ProposalCatalog(network, sessions, units);
    }

    private static string Resolve(string file, string what, string setting)
    {
        var candidates = Path.IsPathRooted(file)
            ? [file]
            : new[] { Path.GetFullPath(file), Path.Combine(AppContext.BaseDirectory, file) };
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The {what} '{file}' was not found (looked in: {string.Join(", ", candidates)}). Set {setting}.");
    }
}
