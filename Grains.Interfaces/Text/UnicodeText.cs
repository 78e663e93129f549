using System.Buffers;
using System.Globalization;
using System.Text;

namespace Platform.Grains.Interfaces.Text;

/// <summary>
/// The one scanner for text that people type: well-formed UTF-16 (no lone surrogates) whose
/// characters all pass a rule. Addresses, passwords and free text each state only their rule.
/// </summary>
public static class UnicodeText
{
    /// <summary>True when <paramref name="text"/> is well-formed and every character is <paramref name="allowed"/>.</summary>
    public static bool All(string text, Func<Rune, bool> allowed)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != OperationStatus.Done) return false;
            if (!allowed(rune)) return false;
            i += consumed;
        }
        return true;
    }

    /// <summary>
    /// Characters that only hide or disguise text: controls, format characters (bidi overrides,
    /// zero-width joiners), private-use and unassigned code points.
    /// </summary>
    public static bool IsHidden(Rune rune) => Rune.GetUnicodeCategory(rune)
        is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned;

    /// <summary>Well-formed text without hidden characters.</summary>
    public static bool IsVisible(string text) => All(text, rune => !IsHidden(rune));

    /// <summary>
    /// A character may take this many UTF-16 units at most before a text counts as too long: room
    /// for surrogate pairs and a few combining marks, none for a letter under 300,000 accents.
    /// </summary>
    public const int MaxUnitsPerCharacter = 4;

    /// <summary>
    /// Free text as stored: trimmed, in NFC, visible, at most <paramref name="maxLength"/>
    /// characters (text elements) and <see cref="MaxUnitsPerCharacter"/> times as many UTF-16 units.
    /// Null when empty or refused; <paramref name="problem"/> says why it was refused.
    /// </summary>
    public static string? NormalizeText(string? value, int maxLength, out string? problem)
    {
        problem = null;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > maxLength * MaxUnitsPerCharacter) { problem = $"At most {maxLength} characters."; return null; }
        if (!IsVisible(text)) { problem = "Contains characters that are not allowed."; return null; }
        var normalized = text.Normalize(NormalizationForm.FormC);
        if (new StringInfo(normalized).LengthInTextElements > maxLength) { problem = $"At most {maxLength} characters."; return null; }
        return normalized;
    }
}
