using System.Text;

namespace CommitteeGrid.Domain.Validation;

/// <summary>
/// Checks for free text. Lengths are counted in Unicode characters (code points), so a Chinese
/// character counts one, as committees count report length. Text is stored exactly as sent; only control characters that no person types are refused.
/// </summary>
public static class TextRules
{
    /// <summary>Null when the text is acceptable, otherwise what is wrong with it.</summary>
    public static string? Check(string field, string? text, int max, bool required = true, bool multiline = false)
    {
        if (text is null || text.Length == 0 || string.IsNullOrWhiteSpace(text))
        {
            return required ? $"{field} is required" : null;
        }

        if (!IsWellFormedUtf16(text))
        {
            return $"{field} is not valid Unicode text";
        }

        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            count++;
            if (Rune.IsControl(rune) && !(multiline && (rune.Value == '\n' || rune.Value == '\r' || rune.Value == '\t')))
            {
                return multiline
                    ? $"{field} contains a control character (U+{rune.Value:X4}); only line breaks and tabs are allowed"
                    : $"{field} contains a control character (U+{rune.Value:X4}); it must be a single line";
            }
        }

        return count > max ? $"{field} has {count} characters; at most {max} are allowed" : null;
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
