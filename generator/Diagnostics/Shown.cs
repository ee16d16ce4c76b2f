using System.Globalization;
using System.Text;

namespace BackCareSite.Diagnostics;

/// <summary>
/// What an editor wrote, as a message quotes it: in backticks, control
/// characters written out (<c>\t</c>, <c>\u001b</c>) so nothing can move the
/// terminal's cursor, and long values shortened with an ellipsis.
/// </summary>
internal static class Shown
{
    public const int MaxLength = 60;

    /// <summary>The value in backticks, shortened and escaped.</summary>
    public static string Value(string text) => "`" + Plain(text) + "`";

    /// <summary>The value shortened and escaped, without backticks.</summary>
    public static string Plain(string text)
    {
        var builder = new StringBuilder();
        var count = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count == MaxLength)
            {
                builder.Append('…');
                break;
            }

            count++;
            switch (rune.Value)
            {
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                default:
                    if (Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{rune.Value:x4}");
                    }
                    else
                    {
                        builder.Append(rune.ToString());
                    }

                    break;
            }
        }

        return builder.ToString();
    }
}
