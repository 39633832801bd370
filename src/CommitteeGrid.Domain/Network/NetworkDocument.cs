namespace CommitteeGrid.Domain.Network;

/// <summary>A committee network as data (seeds/*.json): units in any order, members by activity group.</summary>
public sealed class NetworkDocument
{
    public string Name { get; set; } = "";

    public List<UnitDocument> Units { get; set; } = [];

    public List<MemberDocument> Members { get; set; } = [];
}

public sealed class UnitDocument
{
    public string Code { get; set; } = "";

    /// <summary>committee, liaisonOffice or activityGroup.</summary>
    public string Kind { get; set; } = "";

    /// <summary>For committees: national, province, city or county.</summary>
    public string? Level { get; set; }

    public string Name { get; set; } = "";

    public string? Parent { get; set; }

    /// <summary>For a committee-level activity group (区直活动组): the special committee it is paired with.</summary>
    public string? SpecialCommittee { get; set; }
}

public sealed class MemberDocument
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The activity group the member belongs to.</summary>
    public string Group { get; set; } = "";

    /// <summary>界别, e.g. 经济界.</summary>
    public string Sector { get; set; } = "";

    /// <summary>中共, 民革, 民盟, 民建, 民进, 农工党, 致公党, 九三学社, 台盟, 无党派人士 or 工商联.</summary>
    public string Party { get; set; } = "";
}
