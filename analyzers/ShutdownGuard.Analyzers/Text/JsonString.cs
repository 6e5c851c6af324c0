using System.Globalization;
using System.Text;

namespace ShutdownGuard.Text;

/// <summary>A JSON string literal, read as strict JSON reads it (Docker's exec form and .NET configuration alike).</summary>
internal static class JsonString
{
    /// <summary>Reads the string starting at the quote at <paramref name="index"/> and moves past its closing quote;
    /// false for an unterminated string, a raw control character or an unknown escape.</summary>
    public static bool TryRead(string text, ref int index, out string value)
    {
        value = string.Empty;
        if (index >= text.Length || text[index] != '"')
        {
            return false;
        }

        var builder = new StringBuilder();
        index++;
        while (index < text.Length)
        {
            var c = text[index++];
            if (c == '"')
            {
                value = builder.ToString();
                return true;
            }

            if (c < ' ')
            {
                return false;
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (index >= text.Length)
            {
                return false;
            }

            var escaped = text[index++];
            switch (escaped)
            {
                case '"' or '\\' or '/':
                    builder.Append(escaped);
                    break;
                case 'b':
                    builder.Append('\b');
                    break;
                case 'f':
                    builder.Append('\f');
                    break;
                case 'n':
                    builder.Append('\n');
                    break;
                case 'r':
                    builder.Append('\r');
                    break;
                case 't':
                    builder.Append('\t');
                    break;
                case 'u' when index + 4 <= text.Length
                    && int.TryParse(text.Substring(index, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    index += 4;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }
}
