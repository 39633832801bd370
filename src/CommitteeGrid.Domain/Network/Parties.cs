namespace CommitteeGrid.Domain.Network;

/// <summary>The parties and groupings a member may belong to (or none: 无党派人士).</summary>
public static class Parties
{
    public static IReadOnlyList<string> All { get; } =
        ["中共", "民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "无党派人士", "工商联"];

    public static bool IsKnown(string party) => All.Contains(party);
}
