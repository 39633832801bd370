namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>
/// A handling unit's answer. The lead unit's answer carries the class (A adopted/solved, B being solved,
/// C kept for reference) and settles the proposal; a co-handling unit's is its opinion (会办意见), no class.
/// </summary>
[GenerateSerializer, Immutable, Alias("cg.AnswerProposal")]
public sealed record AnswerProposal(
    [property: Id(0)] string Unit,
    [property: Id(1)] AnswerClass? Class,
    [property: Id(2)] string Text);
