namespace CommitteeGrid.Abstractions.Commands;

/// <summary>Who sent a command: kept with every ledger entry (who, in which role and scope, from where).</summary>
[GenerateSerializer, Immutable, Alias("cg.Actor")]
public sealed record Actor(
    [property: Id(0)] string UserId,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Scope,
    [property: Id(3)] string? Address)
{
    public static Actor System { get; } = new("system", "system", null, null);
}
