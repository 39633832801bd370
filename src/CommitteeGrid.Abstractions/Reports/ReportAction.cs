namespace CommitteeGrid.Abstractions.Reports;

/// <summary>What a committee office can do with an information report that has reached it.</summary>
public enum ReportAction
{
    /// <summary>采用/编发: adopted into this committee's own bulletin.</summary>
    Adopt = 1,

    /// <summary>转报: forwarded to the parent committee.</summary>
    Forward = 2,

    /// <summary>不予采用: declined at this level.</summary>
    Decline = 3,

    /// <summary>退回修改: returned to the author for revision.</summary>
    Return = 4,

    /// <summary>领导批示: a leader's endorsement or instruction, recorded by the office.</summary>
    Endorse = 5,
}
