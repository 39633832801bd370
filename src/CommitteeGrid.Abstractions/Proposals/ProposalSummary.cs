namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>
/// A proposal as the committee's register (提案登记) shows it. Version is the proposal's version when
/// this summary was taken, so a register keeps the newest copy it receives.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.ProposalSummary")]
public sealed record ProposalSummary(
    [property: Id(0)] string ProposalId,
    [property: Id(1)] string Committee,
    [property: Id(2)] string Session,
    [property: Id(3)] bool DuringPlenary,
    [property: Id(4)] int? Number,
    [property: Id(5)] string? NumberText,
    [property: Id(6)] string Title,
    [property: Id(7)] string Lead,
    [property: Id(8)] int Proposers,
    [property: Id(9)] string Status,
    [property: Id(10)] DateTimeOffset SubmittedAt,
    [property: Id(11)] bool Key,
    [property: Id(12)] bool Excellent,
    [property: Id(13)] AnswerClass? AnswerClass,
    [property: Id(14)] string? MergedInto,
    [property: Id(15)] IReadOnlyList<UnitAssignmentView> Units,
    [property: Id(16)] long Version)
{
    public bool IsOverdue(DateTimeOffset now) => Units.Any(u => u.IsOverdue(now));
}
