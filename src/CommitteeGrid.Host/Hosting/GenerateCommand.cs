using System.Diagnostics;
using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Host.Hosting;

/// <summary>
/// <c>generate --members N [--seed S] --out FILE</c>: writes a synthetic network of about N members
/// (600000 for the national scale) that the host can serve with CommitteeGrid:NetworkFile=FILE.
/// </summary>
public static class GenerateCommand
{
    public static int Run(string[] args)
    {
        int? members = null;
        var seed = 1;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--members" when int.TryParse(value, out var m) && m > 0:
                    members = m;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, out var s):
                    seed = s;
                    i++;
                    break;
                case "--out" when !string.IsNullOrWhiteSpace(value):
                    output = value;
                    i++;
                    break;
                default:
                    return Usage($"unexpected argument '{args[i]}'");
            }
        }

        if (members is null || output is null)
        {
            return Usage("--members and --out are required");
        }

        var clock = Stopwatch.StartNew();
        var document = SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(members.Value, seed));
        var network = CommitteeNetwork.Build(document);
        NetworkJson.WriteFile(document, output);
        Console.WriteLine($"wrote {output}: {network.UnitCount} units, {network.Root.MemberCount} members, " +
            $"{network.Units.Count(u => u.IsCommittee)} committees, in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static int Usage(string problem)
    {
        Console.Error.WriteLine($"generate: {problem}");
        Console.Error.WriteLine("usage: dotnet run --project src/CommitteeGrid.Host -- generate --members N [--seed S] --out FILE");
        return 2;
    }
}
