namespace CommitteeGrid.Api.Tests.Infrastructure;

/// <summary>
/// One host per collection. Collections run in parallel with each other; the tests inside one run one
/// after another, which is what lets a test compare the ledger count before and after a request.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ErrorsCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "demo host: errors";
}

[CollectionDefinition(Name)]
public sealed class FlowCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "demo host: report flow";
}

[CollectionDefinition(Name)]
public sealed class RandomizedCollection : ICollectionFixture<SyntheticHostFixture>
{
    public const string Name = "synthetic host: randomized";
}

[CollectionDefinition(Name)]
public sealed class ScoringCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "demo host: scoring";
}

[CollectionDefinition(Name)]
public sealed class AsOfCollection : ICollectionFixture<TimeTravelHostFixture>
{
    public const string Name = "demo host with a movable clock: as-of figures";
}

[CollectionDefinition(Name)]
public sealed class NotificationsCollection : ICollectionFixture<NotificationHostFixture>
{
    public const string Name = "demo host: notifications and webhooks";
}

[CollectionDefinition(Name)]
public sealed class ProposalsCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "demo host: proposals and duty records";
}

[CollectionDefinition(Name)]
public sealed class OpsCollection : ICollectionFixture<DemoHostFixture>
{
    public const string Name = "demo host: operations";
}
