namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>
/// The lead invites co-signers (联名). The first invitation sets the signing deadline; later ones keep it
/// (Deadline omitted or equal).
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.InviteCosigners")]
public sealed record InviteCosigners(
    [property: Id(0)] string Lead,
    [property: Id(1)] IReadOnlyList<string> Members,
    [property: Id(2)] DateTimeOffset? Deadline);
