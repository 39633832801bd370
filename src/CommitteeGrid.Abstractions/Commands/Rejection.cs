namespace CommitteeGrid.Abstractions.Commands;

/// <summary>Why a command was refused. Each kind maps to one HTTP status.</summary>
public enum RejectionKind
{
    /// <summary>The command itself is malformed (400).</summary>
    Invalid = 400,

    /// <summary>Not allowed for this actor (403).</summary>
    Forbidden = 403,

    /// <summary>The thing addressed does not exist (404).</summary>
    NotFound = 404,

    /// <summary>The command is well-formed but illegal in the current state (409).</summary>
    Conflict = 409,

    /// <summary>The idempotency key was already used for a different request (422).</summary>
    KeyReused = 422,

    /// <summary>The ledger could not be reached; nothing was applied, retry with the same key (503).</summary>
    Unavailable = 503,
}

[GenerateSerializer, Immutable, Alias("cg.Rejection")]
public sealed record Rejection(
    [property: Id(0)] RejectionKind Kind,
    [property: Id(1)] string Message);
