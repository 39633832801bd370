using CommitteeGrid.Abstractions.Network;

namespace CommitteeGrid.Abstractions.Reports;

/// <summary>
/// A report as one committee's review inbox sees it. Version is the report's version when this view was
/// taken, so the inbox keeps the newest of any copies it receives.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.InboxItem")]
public sealed record InboxItem(
    [property: Id(0)] string ReportId,
    [property: Id(1)] string Committee,
    [property: Id(2)] CommitteeLevel Level,
    [property: Id(3)] string Title,
    [property: Id(4)] string Lead,
    [property: Id(5)] string FromCommittee,
    [property: Id(6)] DateTimeOffset ReceivedAt,
    [property: Id(7)] string Status,
    [property: Id(8)] bool Adopted,
    [property: Id(9)] bool Forwarded,
    [property: Id(10)] int Endorsements,
    [property: Id(11)] long Version);
