using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Text;

namespace ShutdownGuard.Budget;

/// <summary>
/// Reads the keys of an <c>appsettings*.json</c> text as configuration flattens them (<c>a:b</c>, array items
/// <c>a:0</c>). A small scanner rather than a YAML parser, because the configuration provider accepts comments and
/// trailing commas that YAML rejects. It never throws and never recurses: nesting is kept on an explicit stack, and
/// values nested deeper than <see cref="MaxDepth"/> are skipped by counting brackets.
/// </summary>
internal static class AppSettingsReader
{
    /// <summary>Deeper keys are never looked up; building their paths would cost quadratic time on a deep document.</summary>
    private const int MaxDepth = 32;

    /// <summary>Null when the text is not a JSON object; the last occurrence of a key wins, as in configuration.</summary>
    public static AppSettingsValues? Read(SourceText text) => new Scanner(text.ToString()).ReadDocument();

    private sealed class Scanner
    {
        private readonly string _text;
        private int _position;

        public Scanner(string text) => _text = text;

        private char Current => _position < _text.Length ? _text[_position] : '\0';

        private bool AtEnd => _position >= _text.Length;

        public AppSettingsValues? ReadDocument()
        {
            var values = new Dictionary<string, AppSettingsValue>(AppSettingsValue.KeyComparer);
            SkipTrivia();
            if (Current != '{')
            {
                return null;
            }

            var open = new Stack<Nesting>();
            open.Push(new Nesting(key: null, isArray: false, _position++));
            while (open.Count > 0)
            {
                SkipTrivia();
                var nesting = open.Peek();
                if (AtEnd)
                {
                    return null;
                }

                if (Current == (nesting.IsArray ? ']' : '}'))
                {
                    _position++;
                    open.Pop();
                    if (nesting.Key is not null)
                    {
                        values[nesting.Key] = new AppSettingsValue(null, TextSpan.FromBounds(nesting.Start, _position));
                    }

                    continue;
                }

                if (Current == ',')
                {
                    _position++;
                    continue;
                }

                if (!ReadKey(nesting, out var key))
                {
                    return null;
                }

                SkipTrivia();
                var start = _position;
                if (Current is '{' or '[' && open.Count < MaxDepth)
                {
                    open.Push(new Nesting(key, Current == '[', _position++));
                    continue;
                }

                if (!ReadValue(out var value))
                {
                    return null;
                }

                values[key] = new AppSettingsValue(value, TextSpan.FromBounds(start, _position));
            }

            SkipTrivia();
            return AtEnd ? new AppSettingsValues(values) : null;
        }

        /// <summary>An object's next key and its colon, or an array's next index, as a full path.</summary>
        private bool ReadKey(Nesting nesting, out string key)
        {
            if (nesting.IsArray)
            {
                key = Path(nesting.Key, (nesting.NextIndex++).ToString(CultureInfo.InvariantCulture));
                return true;
            }

            key = string.Empty;
            if (Current != '"' || !ReadString(out var name))
            {
                return false;
            }

            SkipTrivia();
            if (Current != ':')
            {
                return false;
            }

            _position++;
            key = Path(nesting.Key, name);
            return true;
        }

        private static string Path(string? prefix, string name) => prefix is null ? name : prefix + ":" + name;

        /// <summary>A string's content or a literal's text; null for <c>null</c> and for an object or array nested too deep.</summary>
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
                    var literal = _text.Substring(start, _position - start);
                    value = literal == "null" ? null : literal;
                    return _position > start;
            }
        }

        private bool SkipValue()
        {
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

    /// <summary>An object or array being read: its key (null for the root) and where it starts.</summary>
    private sealed class Nesting
    {
        public Nesting(string? key, bool isArray, int start)
        {
            Key = key;
            IsArray = isArray;
            Start = start;
        }

        public string? Key { get; }

        public bool IsArray { get; }

        public int Start { get; }

        /// <summary>An array's next item index.</summary>
        public int NextIndex { get; set; }
    }
}
