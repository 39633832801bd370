using System.Globalization;

namespace CommitteeGrid.Bench;

/// <summary>The `--name N` arguments the baseline, chaos and ceiling runs take: every value a positive integer.</summary>
public static class BenchArguments
{
    /// <summary>Folds each pair into <paramref name="settings"/>; null on a missing or bad value or an unknown name (apply returns null).</summary>
    public static T? Parse<T>(string[] args, T settings, Func<T, string, int, T?> apply)
        where T : class
    {
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0
                || apply(settings, args[i], n) is not { } next)
            {
                return null;
            }

            settings = next;
        }

        return settings;
    }
}
