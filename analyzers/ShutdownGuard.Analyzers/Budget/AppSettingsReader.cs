using System;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Hosting;
using ShutdownGuard.Text;

namespace ShutdownGuard.Budget;

/// <summary>
/// Finds <c>shutdownTimeoutSeconds</c> at the root of an <c>appsettings*.json</c> text. A small scanner rather than a
/// YAML parser, because the configuration provider accepts comments and trailing commas that YAML rejects. It never
/// throws and never recurses: nested values are skipped by counting brackets.
/// </summary>
internal static class AppSettingsReader
{
    /// <summary>Null when the key is absent or the text is not a JSON object; the last occurrence wins, as in configuration.</summary>
    public static AppSettingsTimeout? Read(SourceText text)
    {
        var scanner = new Scanner(text.ToString());
        return scanner.ReadRoot(out var found) ? found : null;
    }

    private sealed class Scanner
    {
        private readonly string _text;
        private int _position;

        public Scanner(string text) => _text = text;

        private char Current => _position < _text.Length ? _text[_position] : '\0';

        private bool AtEnd => _position >= _text.Length;

        public bool ReadRoot(out AppSettingsTimeout? found)
        {
            found = null;
            SkipTrivia();
            if (Current != '{')
            {
                return false;
            }

            _position++;
            while (true)
            {
                SkipTrivia();
                if (AtEnd)
                {
                    return false;
                }

                switch (Current)
                {
                    case '}':
                        _position++;
                        SkipTrivia();
                        return AtEnd;
                    case ',':
                        _position++;
                        continue;
                    case '"':
                        break;
                    default:
                        return false;
                }

                if (!ReadString(out var key))
                {
                    return false;
                }

                SkipTrivia();
                if (Current != ':')
                {
                    return false;
                }

                _position++;
                SkipTrivia();
                var start = _position;
                if (string.Equals(key, ShutdownTimeoutSources.ConfigurationKey, StringComparison.OrdinalIgnoreCase))
                {
                    if (!ReadValue(out var value))
                    {
                        return false;
                    }

                    found = new AppSettingsTimeout(Seconds(value), TextSpan.FromBounds(start, _position));
                }
                else if (!SkipValue())
                {
                    return false;
                }
            }
        }

        /// <summary>The host parses the value with <c>NumberStyles.None</c>: digits only.</summary>
        private static double? Seconds(string? value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

        /// <summary>A string's content or a literal's text; null for an object or array (the key then has no value).</summary>
        private bool ReadValue(out string? value)
        {
            value = null;
            switch (Current)
            {
                case '"':
                    return ReadString(out value);
                case '{':
                case '[':
                    return SkipValue();
                default:
                    var start = _position;
                    SkipLiteral();
                    value = _text.Substring(start, _position - start);
                    return _position > start;
            }
        }

        private bool SkipValue()
        {
            if (Current == '"')
            {
                return ReadString(out _);
            }

            if (Current is not ('{' or '['))
            {
                var start = _position;
                SkipLiteral();
                return _position > start;
            }

            var depth = 0;
            while (!AtEnd)
            {
                switch (Current)
                {
                    case '"':
                        if (!ReadString(out _))
                        {
                            return false;
                        }

                        continue;
                    case '/':
                        if (!SkipComment())
                        {
                            return false;
                        }

                        continue;
                    case '{':
                    case '[':
                        depth++;
                        break;
                    case '}':
                    case ']':
                        depth--;
                        break;
                }

                _position++;
                if (depth == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private void SkipLiteral()
        {
            while (!AtEnd && Current is not (',' or '}' or ']' or '/') && !char.IsWhiteSpace(Current))
            {
                _position++;
            }
        }

        /// <summary>The string at the current quote; the configuration reader rejects what strict JSON rejects.</summary>
        private bool ReadString(out string value) => JsonString.TryRead(_text, ref _position, out value);

        /// <summary>Whitespace, a byte order mark, and <c>//</c> or <c>/* */</c> comments.</summary>
        private void SkipTrivia()
        {
            while (!AtEnd)
            {
                if (char.IsWhiteSpace(Current) || Current == '\uFEFF')
                {
                    _position++;
                }
                else if (Current != '/' || !SkipComment())
                {
                    return;
                }
            }
        }

        private bool SkipComment()
        {
            var next = _position + 1 < _text.Length ? _text[_position + 1] : '\0';
            if (next == '/')
            {
                var end = _text.IndexOf('\n', _position);
                _position = end < 0 ? _text.Length : end + 1;
                return true;
            }

            if (next == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end >= 0)
                {
                    _position = end + 2;
                    return true;
                }
            }

            return false;
        }
    }
}
