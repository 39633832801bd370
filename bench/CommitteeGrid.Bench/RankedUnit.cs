using System.Globalization;

namespace CommitteeGrid.Bench;

/// <summary>One ranked unit: its code and its values in the ranking's columns, most important first.</summary>
public sealed record RankedUnit(string Code, long[] Values)
{
    public override string ToString() => $"{Code} {string.Join('/', Values.Select(v => v.ToString(CultureInfo.InvariantCulture)))}";
}
