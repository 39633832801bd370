namespace CommitteeGrid.Abstractions.Reports;

/// <summary>社情民意信息: submitted by its lead author (with optional co-authors) to the author's committee.</summary>
[GenerateSerializer, Immutable, Alias("cg.SubmitInfoReport")]
public sealed record SubmitInfoReport(
    [property: Id(0)] string Lead,
    [property: Id(1)] IReadOnlyList<string> CoAuthors,
    [property: Id(2)] string Title,
    [property: Id(3)] string Body);
