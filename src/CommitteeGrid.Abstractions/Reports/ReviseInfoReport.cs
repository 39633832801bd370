namespace CommitteeGrid.Abstractions.Reports;

/// <summary>The author's revision of a returned report; it goes back to the committee that returned it.</summary>
[GenerateSerializer, Immutable, Alias("cg.ReviseInfoReport")]
public sealed record ReviseInfoReport(
    [property: Id(0)] string Lead,
    [property: Id(1)] string Title,
    [property: Id(2)] string Body);
