using System.Text;
using Platform.Grains.Interfaces.Text;

namespace Platform.Unit.Tests.Infrastructure;

/// <summary>Text that people type: well-formed, and nothing that hides or disguises it.</summary>
public sealed class UnicodeTextTests
{
    [Theory]
    [InlineData("Ann")]
    [InlineData("Ann Smith-Jones")]
    [InlineData("\u00c9velyne")]
    [InlineData("e\u0301")] // a letter and a combining accent
    [InlineData("\u65e5\u672c\u8a9e")]
    [InlineData("\u0639\u0631\u0628\u064a")] // right-to-left letters are text, not formatting
    [InlineData("\U0001F600")] // a character outside the basic plane, as a surrogate pair
    public void Visible_text_is_accepted(string text) => Assert.True(UnicodeText.IsVisible(text));

    [Theory]
    [InlineData("evil\u202Eman")] // right-to-left override
    [InlineData("a\u2066b")] // left-to-right isolate
    [InlineData("a\u200Db")] // zero-width joiner
    [InlineData("a\u200Bb")] // zero-width space
    [InlineData("a\uFEFFb")] // byte order mark
    [InlineData("a\u00ADb")] // soft hyphen
    public void Formatting_characters_are_refused(string text) => Assert.False(UnicodeText.IsVisible(text));

    [Theory]
    [InlineData("a\0b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    public void Control_characters_are_refused(string text) => Assert.False(UnicodeText.IsVisible(text));

    [Theory]
    [InlineData("a\uE000b")] // private use
    [InlineData("a\u0378b")] // unassigned
    public void Private_use_and_unassigned_code_points_are_refused(string text) => Assert.False(UnicodeText.IsVisible(text));

    // Lone surrogates cannot be written in attributes (their UTF-8 form replaces them), so the cases are code units.
    [Theory]
    [InlineData(new[] { 0xD800 })]
    [InlineData(new[] { 'a', 0xD800, 'b' })]
    [InlineData(new[] { 0xDC00 })]
    [InlineData(new[] { 'a', 0xDE00, 0xD83D })] // a low then a high surrogate: a reversed pair
    public void A_lone_surrogate_is_refused(int[] codeUnits)
    {
        var text = new string(codeUnits.Select(c => (char)c).ToArray());
        Assert.False(UnicodeText.IsVisible(text));
        Assert.False(UnicodeText.All(text, _ => true));
    }

    [Fact]
    public void The_rule_is_asked_about_each_character_once()
    {
        var seen = new List<Rune>();
        Assert.True(UnicodeText.All("a\U0001F600b", rune => { seen.Add(rune); return true; }));
        Assert.Equal(new[] { new Rune('a'), new Rune(0x1F600), new Rune('b') }, seen);
        Assert.False(UnicodeText.All("abc", rune => rune.Value != 'b'));
    }

    [Fact]
    public void Empty_text_is_well_formed() => Assert.True(UnicodeText.IsVisible(""));

    [Fact]
    public void Free_text_is_trimmed_and_stored_in_nfc()
    {
        Assert.Equal("Ren\u00e9", UnicodeText.NormalizeText("  Rene\u0301 ", 100, out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Empty_free_text_is_nothing_without_a_problem()
    {
        Assert.Null(UnicodeText.NormalizeText("   ", 100, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(300_000)]
    public void Free_text_longer_in_units_than_four_per_character_is_refused(int extraMarks)
    {
        var text = "a" + new string('\u0301', UnicodeText.MaxUnitsPerCharacter * 10 + extraMarks);
        Assert.Null(UnicodeText.NormalizeText(text, 10, out var problem));
        Assert.Equal("At most 10 characters.", problem);
    }

    [Fact]
    public void A_few_combining_marks_per_letter_are_fine() =>
        Assert.NotNull(UnicodeText.NormalizeText(string.Concat(Enumerable.Repeat("e\u0301\u0323", 10)), 10, out _));
}
