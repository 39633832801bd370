namespace CommitteeGrid.Abstractions.Proposals;

/// <summary>The class of a handling unit's answer.</summary>
public enum AnswerClass
{
    /// <summary>A: adopted or solved (已采纳/已解决).</summary>
    A = 1,

    /// <summary>B: being solved, or planned (正在解决/列入计划).</summary>
    B = 2,

    /// <summary>C: kept for reference (留作参考).</summary>
    C = 3,
}
