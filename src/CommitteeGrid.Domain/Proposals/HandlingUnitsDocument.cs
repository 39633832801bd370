namespace CommitteeGrid.Domain.Proposals;

/// <summary>
/// Handling units (承办单位) as data (seeds/handling-units.json): units listed per committee, and
/// department templates per committee level for committees that list none (so any network, including a
/// generated one, has units to assign proposals to).
/// </summary>
public sealed class HandlingUnitsDocument
{
    /// <summary>办理期限: days from assignment to the answer's due time, unless the office sets a due date.</summary>
    public int AnswerDays { get; set; } = 90;

    /// <summary>How many days before the due time a unit is warned.</summary>
    public int DueSoonDays { get; set; } = 15;

    /// <summary>Department names per level (county, city, province, national), e.g. "教育局".</summary>
    public Dictionary<string, List<string>> Templates { get; set; } = [];

    public List<HandlingUnitDocument> Units { get; set; } = [];
}

public sealed class HandlingUnitDocument
{
    /// <summary>"{committee}-H01", …: a code like a unit code, not used by the network.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string Committee { get; set; } = "";
}
