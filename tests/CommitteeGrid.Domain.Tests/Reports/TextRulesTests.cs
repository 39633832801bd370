using CommitteeGrid.Domain.Validation;

namespace CommitteeGrid.Domain.Tests.Reports;

/// <summary>Free text: counted in characters as a person counts them, stored as sent, no invisible controls.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("政协")]
    [InlineData(" 前后有空格 ")]
    [InlineData("emoji 😀 and 𠀀")]
    [InlineData("\u200B零宽空格")] // a format character, not a control character
    public void Accepts_ordinary_text(string text)
    {
        Assert.Null(TextRules.Check("title", text, 100));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\u3000\u3000")]
    [InlineData("\n")]
    public void Blank_text_is_required_or_absent(string? text)
    {
        Assert.Equal("note is required", TextRules.Check("note", text, 10));
        Assert.Null(TextRules.Check("note", text, 10, required: false));
    }

    [Fact]
    public void Optional_text_is_still_checked_when_given()
    {
        Assert.Equal("note has 11 characters; at most 10 are allowed", TextRules.Check("note", new string('注', 11), 10, required: false));
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("政协委员", 4)]
    [InlineData("𠀀𠀁𠀂", 3)]
    [InlineData("😀😀", 2)]
    [InlineData("a政😀", 3)]
    public void Length_is_counted_in_unicode_scalar_values(string text, int characters)
    {
        Assert.Null(TextRules.Check("t", text, characters));
        Assert.Equal($"t has {characters} characters; at most {characters - 1} are allowed", TextRules.Check("t", text, characters - 1));
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\r\nb")]
    [InlineData("a\tb")]
    public void Line_breaks_and_tabs_only_in_multiline_text(string text)
    {
        Assert.Null(TextRules.Check("body", text, 100, multiline: true));
        Assert.Contains("must be a single line", TextRules.Check("title", text, 100), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u0000", "U+0000")]
    [InlineData("\u0008", "U+0008")]
    [InlineData("\u000B", "U+000B")]
    [InlineData("\u000C", "U+000C")]
    [InlineData("\u001F", "U+001F")]
    [InlineData("\u007F", "U+007F")]
    [InlineData("\u009F", "U+009F")]
    public void Other_control_characters_are_refused_everywhere(string control, string named)
    {
        Assert.Equal(
            $"body contains a control character ({named}); only line breaks and tabs are allowed",
            TextRules.Check("body", "正文" + control + "正文", 100, multiline: true));
        Assert.Equal(
            $"title contains a control character ({named}); it must be a single line",
            TextRules.Check("title", control + "标题", 100));
    }

    [Fact]
    public void Broken_surrogates_are_not_text()
    {
        // Built in code: attribute arguments cannot carry a lone surrogate (they are stored as UTF-8).
        string[] broken = ["\uD840", "\uDC00", "a\uDC00\uD840b", "末尾\uD83D", "\uD83D\uD83D\uDE00"];

        Assert.All(broken, text => Assert.Equal("title is not valid Unicode text", TextRules.Check("title", text, 100)));
    }
}
