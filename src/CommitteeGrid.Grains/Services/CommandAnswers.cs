using CommitteeGrid.Abstractions.Commands;

namespace CommitteeGrid.Grains.Services;

/// <summary>
/// The answers every grain that appends to the ledger gives alike, worded once so that a client sees the
/// same refusal whatever it was acting on.
/// </summary>
public static class CommandAnswers
{
    public const string LedgerUnreachableMessage = "the ledger could not be reached; nothing was applied, retry with the same Idempotency-Key";

    public static string KeyReusedMessage(string idempotencyKey) =>
        $"Idempotency-Key '{idempotencyKey}' was already used for a different request; use a new key for a new request";

    public static string ChangedConcurrentlyMessage(string what) => $"{what} was changed concurrently; retry with the same Idempotency-Key";

    public static CommandResult KeyReused(CommandMeta meta) => CommandResult.Refuse(RejectionKind.KeyReused, KeyReusedMessage(meta.IdempotencyKey));

    public static CommandResult LedgerUnreachable() => CommandResult.Refuse(RejectionKind.Unavailable, LedgerUnreachableMessage);

    public static CommandResult ChangedConcurrently(string what) => CommandResult.Refuse(RejectionKind.Unavailable, ChangedConcurrentlyMessage(what));

    /// <summary>
    /// A key the stream answered before: the first answer again for the same request, a refusal for a
    /// different one; null for a key the stream has not seen.
    /// </summary>
    public static CommandResult? Replay((string Hash, Receipt Receipt)? seen, string hash, CommandMeta meta) => seen switch
    {
        { } s when s.Hash == hash => CommandResult.Ok(s.Receipt, replayed: true),
        not null => KeyReused(meta),
        null => null,
    };
}
