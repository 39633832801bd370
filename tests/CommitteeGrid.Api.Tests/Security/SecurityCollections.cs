using CommitteeGrid.Api.Tests.Infrastructure;

namespace CommitteeGrid.Api.Tests.Security;

/// <summary>The permission matrix's own host: its probes and the entities they name disturb no other test.</summary>
[CollectionDefinition(Name)]
public sealed class MatrixCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "demo host: permission matrix";
}

/// <summary>The fuzz run's own host, so that its ledger count moves only by what the run itself does.</summary>
[CollectionDefinition(Name)]
public sealed class FuzzCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "demo host: fuzz";
}
