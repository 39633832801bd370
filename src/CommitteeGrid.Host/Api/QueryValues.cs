using System.Globalization;

namespace CommitteeGrid.Host.Api;

/// <summary>Query values read as text and checked here, so a bad one gets a message instead of a bare 400.</summary>
internal static class QueryValues
{
    public static (int? Value, IResult? Problem) Int(string name, string? text, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (null, Problems.Invalid($"{name} must be a whole number between {min} and {max}; '{UnitEndpoints.Shorten(text)}' is not"));
    }

    /// <summary>true or false (absent: false).</summary>
    public static (bool Value, IResult? Problem) Bool(string name, string? text) => text switch
    {
        null or "" or "false" => (false, null),
        "true" => (true, null),
        _ => (false, Problems.Invalid($"{name} must be true or false; '{UnitEndpoints.Shorten(text)}' is not")),
    };

    public static (long? Value, IResult? Problem) Long(string name, string? text, long min, long max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (null, Problems.Invalid($"{name} must be a whole number between {min} and {max}; '{UnitEndpoints.Shorten(text)}' is not"));
    }
}
