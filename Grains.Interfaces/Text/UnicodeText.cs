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
}
