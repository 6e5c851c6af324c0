using System.Collections.Generic;
using System.Globalization;
using System.Text;

using ShutdownGuard.Text;

namespace ShutdownGuard.Container;

/// <summary>
/// The exec form: a JSON array of strings, as Docker's JSON decoder accepts it. Anything else is shell form, so a
/// malformed array is not an error here either.
/// </summary>
internal static class JsonArray
{
    public readonly struct Item
    {
        public Item(string value, int start, int length)
        {
            Value = value;
            Start = start;
            Length = length;
        }

        public string Value { get; }

        /// <summary>Where the string starts in the parsed text, at its opening quote.</summary>
        public int Start { get; }

        /// <summary>The string's length in the parsed text, quotes included.</summary>
        public int Length { get; }
    }

    public static bool TryParse(string text, out List<Item> items)
    {
        items = new List<Item>();
        var index = SkipWhiteSpace(text, 0);
        if (index >= text.Length || text[index] != '[')
        {
            return false;
        }

        index = SkipWhiteSpace(text, index + 1);
        if (index < text.Length && text[index] == ']')
        {
            return SkipWhiteSpace(text, index + 1) == text.Length;
        }

        while (index < text.Length)
        {
            var start = index;
            if (!JsonString.TryRead(text, ref index, out var value))
            {
                return false;
            }

            items.Add(new Item(value, start, index - start));
            index = SkipWhiteSpace(text, index);
            if (index >= text.Length)
            {
                return false;
            }

            if (text[index] == ']')
            {
                return SkipWhiteSpace(text, index + 1) == text.Length;
            }

            if (text[index] != ',')
            {
                return false;
            }

            index = SkipWhiteSpace(text, index + 1);
        }

        return false;
    }

    /// <summary>A JSON string literal for <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>An exec-form array: <c>["a", "b"]</c>.</summary>
    public static string Format(IEnumerable<string> values)
    {
        var builder = new StringBuilder("[");
        foreach (var value in values)
        {
            if (builder.Length > 1)
            {
                builder.Append(", ");
            }

            builder.Append(Quote(value));
        }

        return builder.Append(']').ToString();
    }

    private static int SkipWhiteSpace(string text, int index)
    {
        while (index < text.Length && text[index] is ' ' or '\t' or '\r' or '\n')
        {
            index++;
        }

        return index;
    }
}
