using System.Text.Json;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Domain.Proposals;

/// <summary>Reads the sessions and handling-units documents (same JSON conventions as network files).</summary>
public static class ProposalSeedJson
{
    public static T Read<T>(string path)
        where T : class, new()
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, NetworkJson.Options) ?? new T();
    }
}
