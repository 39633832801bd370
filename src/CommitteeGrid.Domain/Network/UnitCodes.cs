using System.Text.RegularExpressions;

namespace CommitteeGrid.Domain.Network;

/// <summary>Unit codes are short, stable and safe in paths, URLs and SQL LIKE prefixes.</summary>
public static partial class UnitCodes
{
    public const int MaxLength = 40;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,39}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsWellFormed(string? code) => code is not null && Pattern().IsMatch(code);
}
