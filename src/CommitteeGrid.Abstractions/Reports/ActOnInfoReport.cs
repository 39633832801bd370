namespace CommitteeGrid.Abstractions.Reports;

/// <summary>
/// An action by the office of <see cref="Committee"/> on a report that has reached it. ForwardTo, when
/// given, must be the parent committee: a report climbs one level at a time.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ActOnInfoReport")]
public sealed record ActOnInfoReport(
    [property: Id(0)] string Committee,
    [property: Id(1)] ReportAction Action,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string? LeaderTitle,
    [property: Id(4)] DateOnly? Date,
    [property: Id(5)] string? Note,
    [property: Id(6)] string? ForwardTo = null);
