namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>A proposer's satisfaction with the answer.</summary>
public enum Satisfaction
{
    /// <summary>满意.</summary>
    Satisfied = 1,

    /// <summary>基本满意.</summary>
    Basically = 2,

    /// <summary>不满意.</summary>
    Dissatisfied = 3,
}
