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
        AppSettingsTimeout? found = null;
        var read = scanner.ReadRoot(key =>
        {
            if (!string.Equals(key, ShutdownTimeoutSources.ConfigurationKey, StringComparison.OrdinalIgnoreCase))
            {
                return scanner.SkipValue();
            }

            var start = scanner.Position;
            if (!scanner.ReadValue(out var value))
            {
                return false;
            }

            found = new AppSettingsTimeout(Seconds(value), TextSpan.FromBounds(start, scanner.Position));
            return true;
        });
        return read ? found : null;
    }

    /// <summary>
    /// The addresses the file sets for the server: root <c>urls</c>, <c>http_ports</c>, <c>https_ports</c>, and the
    /// <c>Url</c> of each <c>Kestrel:Endpoints</c> entry. Null when it sets none or the text is not a JSON object.
    /// </summary>
    public static AppSettingsListen? ReadListen(SourceText text)
    {
        var scanner = new Scanner(text.ToString());
        var listen = new AppSettingsListen.Builder();
        var read = scanner.ReadRoot(key =>
        {
            if (string.Equals(key, "Kestrel", StringComparison.OrdinalIgnoreCase))
            {
                return ReadKestrel(scanner, listen);
            }

            if (key.StartsWith("Kestrel:", StringComparison.OrdinalIgnoreCase))
            {
                // A flattened key can set an endpoint in a way this reading does not follow.
                listen.IsKnown = false;
                return scanner.SkipValue();
            }

            if (ListenAddressSources.KindOf(key) is null)
            {
                return scanner.SkipValue();
            }

            if (!scanner.ReadValue(out var value))
            {
                return false;
            }

            listen.Set(key, value);
            return true;
        });
        return read && listen.SetsAnything ? listen.ToListen() : null;
    }

    /// <summary><c>"Kestrel": { "Endpoints": { "Http": { "Url": "http://+:8080" } } }</c>; an endpoint without a string
    /// <c>Url</c> makes the file's endpoints unknown.</summary>
    private static bool ReadKestrel(Scanner scanner, AppSettingsListen.Builder listen)
    {
        if (scanner.Current != '{')
        {
            listen.IsKnown = false;
            return scanner.SkipValue();
        }

        return scanner.ReadObject(section =>
        {
            if (!string.Equals(section, "Endpoints", StringComparison.OrdinalIgnoreCase))
            {
                return scanner.SkipValue();
            }

            listen.HasEndpoints = true;
            if (scanner.Current != '{')
            {
                listen.IsKnown = false;
                return scanner.SkipValue();
            }

            return scanner.ReadObject(endpoint =>
            {
                string? url = null;
                var read = scanner.Current == '{'
                    ? scanner.ReadObject(setting => string.Equals(setting, "Url", StringComparison.OrdinalIgnoreCase) ? scanner.ReadValue(out url) : scanner.SkipValue())
                    : scanner.SkipValue();
                listen.AddEndpoint(url);
                return read;
            });
        });
    }

    /// <summary>The host parses the value with <c>NumberStyles.None</c>: digits only.</summary>
    private static double? Seconds(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;

    private sealed class Scanner
    {
        private readonly string _text;
        private int _position;

        public Scanner(string text) => _text = text;

        public char Current => _position < _text.Length ? _text[_position] : '\0';

        public int Position => _position;

        private bool AtEnd => _position >= _text.Length;

        /// <summary>The root object, each value read by <paramref name="readValue"/>, and nothing after it.</summary>
        public bool ReadRoot(Func<string, bool> readValue)
        {
            SkipTrivia();
            if (!ReadObject(readValue))
            {
                return false;
            }

            SkipTrivia();
            return AtEnd;
        }

        /// <summary>The object at the current brace; <paramref name="readValue"/> gets each key with the position at its
        /// value, and reads or skips that value.</summary>
        public bool ReadObject(Func<string, bool> readValue)
        {
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
                        return true;
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
                if (!readValue(key))
                {
                    return false;
                }
            }
        }

        /// <summary>A string's content or a literal's text; null for an object or array (the key then has no value).</summary>
        public bool ReadValue(out string? value)
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

        public bool SkipValue()
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
