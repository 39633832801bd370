namespace CommitteeGrid.Abstractions.Commands;

/// <summary>
/// What travels with every state-changing command. The idempotency key is the client's; it is scoped to
/// the actor so that two users can never collide on (or read each other's results through) a key.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.CommandMeta")]
public sealed record CommandMeta(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] Actor Actor)
{
    public string ScopedKey => $"{Actor.UserId}:{IdempotencyKey}";
}
