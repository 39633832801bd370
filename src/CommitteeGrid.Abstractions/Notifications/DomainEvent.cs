using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Abstractions.Notifications;

/// <summary>
/// Something that happened and concerns the listed recipients (member codes and unit codes), published
/// after its ledger entry is committed. EventId is stable for the same happening (the ledger entry's
/// stream and version), so a feed or a webhook that sees it twice keeps it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.DomainEvent")]
public sealed record DomainEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Kind,
    [property: Id(2)] string SubjectId,
    [property: Id(3)] string Title,
    [property: Id(4)] string? Committee,
    [property: Id(5)] CommitteeLevel Level,
    [property: Id(6)] DateTimeOffset OccurredAt,
    [property: Id(7)] IReadOnlyList<string> Recipients,
    [property: Id(8)] string? Detail)
{
    /// <summary>The event id of a ledger entry: its stream and version, e.g. "report/R…:4".</summary>
    public static string IdOf(string stream, long version) => $"{stream}:{version}";
}
