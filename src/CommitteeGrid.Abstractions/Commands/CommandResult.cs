namespace CommitteeGrid.Abstractions.Commands;

/// <summary>Either a receipt or a rejection, never both. Replayed is true when the key had been seen.</summary>
[GenerateSerializer, Immutable, Alias("cg.CommandResult")]
public sealed record CommandResult(
    [property: Id(0)] Receipt? Receipt,
    [property: Id(1)] Rejection? Rejection,
    [property: Id(2)] bool Replayed)
{
    public bool Accepted => Receipt is not null;

    public static CommandResult Ok(Receipt receipt, bool replayed = false) => new(receipt, null, replayed);

    public static CommandResult Refuse(RejectionKind kind, string message) => new(null, new Rejection(kind, message), false);

    public static CommandResult Refuse(Rejection rejection) => new(null, rejection, false);
}
