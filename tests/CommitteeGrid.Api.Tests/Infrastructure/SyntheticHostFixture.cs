using CommitteeGrid.Domain.Network;

namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>
/// A host on a generated network of a few thousand members (one province, two cities, about fourteen
/// counties), written to a temporary file as an operator would supply it.
/// </summary>
public sealed class SyntheticHostFixture : HostFixture
{
    public const int Members = 3_000;
    public const int Seed = 20_261_123;

    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cg-api-tests-{Guid.NewGuid():N}.json");

    public SyntheticHostFixture()
    {
        Document = SyntheticNetwork.Generate(SyntheticNetworkOptions.ForMembers(Members, Seed));
        NetworkJson.WriteFile(Document, _file);
    }

    /// <summary>The network as data: the tests read the tree from here, not from the host.</summary>
    public NetworkDocument Document { get; }

    public override string RootCode => SyntheticNetwork.RootCode;

    protected override string NetworkFile() => _file;

    protected override void OnDisposed() => File.Delete(_file);
}
