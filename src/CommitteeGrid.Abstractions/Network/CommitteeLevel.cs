namespace CommitteeGrid.Abstractions.Network;

/// <summary>The level of a committee (政协), lowest first so that "parent" means "higher number".</summary>
public enum CommitteeLevel
{
    None = 0,
    County = 1,
    City = 2,
    Province = 3,
    National = 4,
}

public static class CommitteeLevels
{
    /// <summary>The lower-case name used in counter names and JSON.</summary>
    public static string Key(this CommitteeLevel level) => level switch
    {
        CommitteeLevel.County => "county",
        CommitteeLevel.City => "city",
        CommitteeLevel.Province => "province",
        CommitteeLevel.National => "national",
        _ => "none",
    };

    public static bool TryParse(string? text, out CommitteeLevel level)
    {
        level = text?.Trim().ToLowerInvariant() switch
        {
            "county" => CommitteeLevel.County,
            "city" => CommitteeLevel.City,
            "province" => CommitteeLevel.Province,
            "national" => CommitteeLevel.National,
            _ => CommitteeLevel.None,
        };
        return level != CommitteeLevel.None;
    }

    public static IReadOnlyList<CommitteeLevel> All { get; } =
        [CommitteeLevel.County, CommitteeLevel.City, CommitteeLevel.Province, CommitteeLevel.National];
}
