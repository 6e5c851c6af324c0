using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Container;

/// <summary>
/// Reads a Dockerfile as BuildKit does, as far as the final image's base and start command go. One pass over the
/// lines, no recursion, never throws except on cancellation: a file it cannot follow yields fewer stages, not an error.
/// </summary>
internal static class DockerfileReader
{
    internal const int MaxChars = 16_000_000;

    private static readonly Regex Directive = new(@"^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$", RegexOptions.CultureInvariant);

    // `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'` in RUN, COPY and ADD.
    private static readonly Regex Heredoc = new(@"<<(-?)([""']?)([A-Za-z_][A-Za-z0-9_]*)\2", RegexOptions.CultureInvariant);

    public static Dockerfile Read(SourceText text, CancellationToken cancellationToken)
    {
        if (text.Length > MaxChars)
        {
            return new Dockerfile('\\', ImmutableArray<DockerInstruction>.Empty, ImmutableArray<DockerStage>.Empty);
        }

        var lines = new LineCursor(text);
        var escape = ReadDirectives(lines);
        var instructions = ImmutableArray.CreateBuilder<DockerInstruction>();
        var builder = new StageBuilder();
        while (!lines.AtEnd)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (lines.IsBlankOrComment)
            {
                lines.Next();
                continue;
            }

            var instruction = ReadInstruction(lines, escape);
            instructions.Add(instruction.Instruction);
            builder.Add(instruction);
        }

        builder.Complete();
        return new Dockerfile(escape, instructions.ToImmutable(), builder.Stages.ToImmutable());
    }

    /// <summary>Parser directives: only the comment lines at the very top that have the form <c># key=value</c>.</summary>
    private static char ReadDirectives(LineCursor lines)
    {
        var escape = '\\';
        for (; !lines.AtEnd; lines.Next())
        {
            var match = Directive.Match(lines.Content.TrimStart('\uFEFF').Trim());
            if (!match.Success)
            {
                break;
            }

            if (string.Equals(match.Groups[1].Value, "escape", StringComparison.OrdinalIgnoreCase) && match.Groups[2].Value is "`" or "\\")
            {
                escape = match.Groups[2].Value[0];
            }
        }

        return escape;
    }

    private static ParsedInstruction ReadInstruction(LineCursor lines, char escape)
    {
        var logical = new LogicalText();
        var start = lines.ContentStart + FirstNonBlank(lines.Content);
        var end = start;
        var first = true;
        while (!lines.AtEnd)
        {
            var content = lines.Content;
            var offset = first ? FirstNonBlank(content) : 0;
            var trimmedEnd = content.TrimEnd(' ', '\t');
            var continues = trimmedEnd.Length > offset && trimmedEnd[trimmedEnd.Length - 1] == escape;
            var length = (continues ? trimmedEnd.Length - 1 : content.Length) - offset;
            logical.Append(content.Substring(offset, length), lines.ContentStart + offset);
            end = lines.ContentEnd;
            lines.Next();
            first = false;
            if (!continues)
            {
                break;
            }

            // BuildKit drops comment and blank lines inside a continued instruction.
            while (!lines.AtEnd && lines.IsBlankOrComment)
            {
                lines.Next();
            }
        }

        var text = logical.ToString();
        var keywordEnd = 0;
        while (keywordEnd < text.Length && !char.IsWhiteSpace(text[keywordEnd]))
        {
            keywordEnd++;
        }

        var argumentsStart = keywordEnd;
        while (argumentsStart < text.Length && char.IsWhiteSpace(text[argumentsStart]))
        {
            argumentsStart++;
        }

        var keyword = text.Substring(0, keywordEnd).ToUpperInvariant();
        var arguments = text.Substring(argumentsStart).TrimEnd();
        if (keyword is "RUN" or "COPY" or "ADD")
        {
            end = SkipHeredocs(lines, arguments, end);
        }

        var argumentsPhysicalStart = arguments.Length == 0 ? end : logical.ToPhysical(argumentsStart);
        var instruction = new DockerInstruction(keyword, TextSpan.FromBounds(start, end), TextSpan.FromBounds(argumentsPhysicalStart, end), arguments);
        return new ParsedInstruction(instruction, logical, argumentsStart);
    }

    /// <summary>Heredoc bodies are not instructions: skip to each terminator in turn (to the end when one is missing).</summary>
    private static int SkipHeredocs(LineCursor lines, string arguments, int end)
    {
        foreach (Match heredoc in Heredoc.Matches(arguments))
        {
            var stripTabs = heredoc.Groups[1].Value.Length > 0;
            var terminator = heredoc.Groups[3].Value;
            while (!lines.AtEnd)
            {
                var content = stripTabs ? lines.Content.TrimStart('\t') : lines.Content;
                end = lines.ContentEnd;
                lines.Next();
                if (content.TrimEnd('\r') == terminator)
                {
                    break;
                }
            }
        }

        return end;
    }

    private static int FirstNonBlank(string content)
    {
        var index = 0;
        while (index < content.Length && (content[index] == ' ' || content[index] == '\t' || content[index] == '\uFEFF'))
        {
            index++;
        }

        return index;
    }

    /// <summary>An instruction with the logical text its arguments were read from, to map argument positions back to the file.</summary>
    private sealed class ParsedInstruction
    {
        public ParsedInstruction(DockerInstruction instruction, LogicalText logical, int argumentsStart)
        {
            Instruction = instruction;
            Logical = logical;
            ArgumentsStart = argumentsStart;
        }

        public DockerInstruction Instruction { get; }

        public LogicalText Logical { get; }

        /// <summary>Where <see cref="DockerInstruction.Arguments"/> starts in the logical text.</summary>
        public int ArgumentsStart { get; }

        public TextSpan ToPhysical(int argumentsOffset, int length)
        {
            var startPosition = ArgumentsStart + argumentsOffset;
            return TextSpan.FromBounds(Logical.ToPhysical(startPosition), Logical.ToPhysical(startPosition + length - 1) + 1);
        }
    }

    /// <summary>An instruction's text with continuations joined, and where each piece came from.</summary>
    private sealed class LogicalText
    {
        private readonly StringBuilder _text = new();
        private readonly List<(int Logical, int Physical)> _pieces = new();

        public void Append(string piece, int physicalStart)
        {
            _pieces.Add((_text.Length, physicalStart));
            _text.Append(piece);
        }

        /// <summary>Binary search: an instruction may have thousands of continuation lines.</summary>
        public int ToPhysical(int logical)
        {
            int low = 0, high = _pieces.Count - 1;
            while (low < high)
            {
                var middle = (low + high + 1) / 2;
                if (_pieces[middle].Logical <= logical)
                {
                    low = middle;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return _pieces[low].Physical + (logical - _pieces[low].Logical);
        }

        public override string ToString() => _text.ToString();
    }

    private sealed class LineCursor
    {
        private readonly SourceText _text;
        private int _index;

        public LineCursor(SourceText text)
        {
            _text = text;
            Load();
        }

        public bool AtEnd => _index >= _text.Lines.Count;

        public string Content { get; private set; } = string.Empty;

        public int ContentStart { get; private set; }

        public int ContentEnd => ContentStart + Content.Length;

        public bool IsBlankOrComment
        {
            get
            {
                var start = FirstNonBlank(Content);
                return start == Content.Length || Content[start] == '#';
            }
        }

        public void Next()
        {
            _index++;
            Load();
        }

        private void Load()
        {
            if (AtEnd)
            {
                Content = string.Empty;
                ContentStart = _text.Length;
                return;
            }

            var span = _text.Lines[_index].Span;
            ContentStart = span.Start;
            Content = _text.ToString(span);
        }
    }

    /// <summary>Follows <c>ARG</c>, <c>FROM</c>, <c>SHELL</c>, <c>ENV</c>, <c>ENTRYPOINT</c> and <c>CMD</c> through the stages.</summary>
    private sealed class StageBuilder
    {
        private readonly Dictionary<string, string?> _globalArguments = new(StringComparer.Ordinal);
        private DockerInstruction? _from;
        private string? _name;
        private ImageReference? _image;
        private DockerStage? _parent;
        private ImmutableArray<string> _shell = Dockerfile.DefaultShell;
        private DockerCommand? _entrypoint;
        private DockerCommand? _cmd;
        private bool _cmdCleared;
        private bool _cmdSetInStage;
        private ImmutableDictionary<string, string?> _environment = ImmutableDictionary<string, string?>.Empty;

        public ImmutableArray<DockerStage>.Builder Stages { get; } = ImmutableArray.CreateBuilder<DockerStage>();

        public void Add(ParsedInstruction parsed)
        {
            var instruction = parsed.Instruction;
            switch (instruction.Keyword)
            {
                case "ARG" when _from is null:
                    ReadGlobalArguments(instruction.Arguments);
                    break;
                case "FROM":
                    Complete();
                    StartStage(parsed);
                    break;
                case "SHELL" when _from is not null:
                    if (JsonArray.TryParse(instruction.Arguments, out var items) && items.Count > 0)
                    {
                        _shell = items.ConvertAll(item => item.Value).ToImmutableArray();
                    }

                    break;
                case "ENV" when _from is not null:
                    foreach (var (name, value) in EnvironmentEntries(instruction.Arguments))
                    {
                        _environment = _environment.SetItem(name, value);
                    }

                    break;
                case "ENTRYPOINT" when _from is not null:
                    _entrypoint = Command(parsed);
                    if (!_cmdSetInStage)
                    {
                        // BuildKit: an ENTRYPOINT clears the CMD that the stage inherited.
                        _cmd = null;
                        _cmdCleared = true;
                    }

                    break;
                case "CMD" when _from is not null:
                    _cmd = Command(parsed);
                    _cmdCleared = false;
                    _cmdSetInStage = true;
                    break;
            }
        }

        /// <summary>Records the stage in progress, if any; call once more at the end.</summary>
        public void Complete()
        {
            if (_from is null || _image is null)
            {
                return;
            }

            Stages.Add(new DockerStage(_name, _from, _image, _parent, _shell, _entrypoint, _cmd, _cmdCleared, _environment));
            _from = null;
        }

        private void StartStage(ParsedInstruction parsed)
        {
            var arguments = parsed.Instruction.Arguments;
            var words = Words(arguments);
            var index = 0;
            while (index < words.Count && words[index].Text.StartsWith("--", StringComparison.Ordinal))
            {
                index++;
            }

            if (index >= words.Count)
            {
                return;
            }

            var imageWord = words[index];
            var name = index + 2 < words.Count && string.Equals(words[index + 1].Text, "AS", StringComparison.OrdinalIgnoreCase)
                ? words[index + 2].Text.ToLowerInvariant()
                : null;
            var image = Substitute(imageWord.Text, out var unknown);
            var parent = FindStage(image);

            _from = parsed.Instruction;
            _name = name;
            _parent = parent;
            _image = parent?.BaseImage ?? new ImageReference(image, parsed.ToPhysical(imageWord.Start, imageWord.Text.Length), unknown);
            _shell = parent?.Shell ?? Dockerfile.DefaultShell;
            _entrypoint = parent?.Entrypoint;
            _cmd = parent?.Cmd;
            _cmdCleared = parent?.CmdCleared ?? false;
            _cmdSetInStage = false;
            _environment = parent?.Environment ?? ImmutableDictionary<string, string?>.Empty;
        }

        private DockerStage? FindStage(string image)
        {
            for (var i = Stages.Count - 1; i >= 0; i--)
            {
                if (Stages[i].Name is { } name && string.Equals(name, image, StringComparison.OrdinalIgnoreCase))
                {
                    return Stages[i];
                }
            }

            return null;
        }

        private DockerCommand Command(ParsedInstruction parsed)
        {
            var arguments = parsed.Instruction.Arguments;
            if (!JsonArray.TryParse(arguments, out var items))
            {
                return new DockerCommand(parsed.Instruction, default, _shell);
            }

            var execArguments = items.ConvertAll(item => new CommandArgument(item.Value, parsed.ToPhysical(item.Start, item.Length)));
            return new DockerCommand(parsed.Instruction, execArguments.ToImmutableArray(), _shell);
        }

        /// <summary><c>ARG NAME</c>, <c>ARG NAME=default</c>, several per line; quotes around a default are removed.</summary>
        private void ReadGlobalArguments(string arguments)
        {
            foreach (var word in Words(arguments))
            {
                var equals = word.Text.IndexOf('=');
                var name = equals < 0 ? word.Text : word.Text.Substring(0, equals);
                var value = equals < 0 ? null : Unquote(word.Text.Substring(equals + 1));
                _globalArguments[name] = value;
            }
        }

        /// <summary>Replaces <c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-word}</c> and <c>${NAME:+word}</c> by the global
        /// arguments' defaults; a reference without a known value stays as written and makes the result partly unknown.</summary>
        private string Substitute(string text, out bool unknown)
        {
            unknown = false;
            var result = new StringBuilder(text.Length);
            var index = 0;
            while (index < text.Length)
            {
                var dollar = text.IndexOf('$', index);
                if (dollar < 0 || dollar == text.Length - 1)
                {
                    result.Append(text, index, text.Length - index);
                    break;
                }

                result.Append(text, index, dollar - index);
                string name;
                string? modifier = null;
                string? word = null;
                int next;
                if (text[dollar + 1] == '{')
                {
                    var close = text.IndexOf('}', dollar + 2);
                    if (close < 0)
                    {
                        result.Append(text, dollar, text.Length - dollar);
                        unknown = true;
                        break;
                    }

                    var inner = text.Substring(dollar + 2, close - dollar - 2);
                    var colon = inner.IndexOf(':');
                    name = colon < 0 ? inner : inner.Substring(0, colon);
                    if (colon >= 0 && colon + 1 < inner.Length)
                    {
                        modifier = inner.Substring(colon + 1, 1);
                        word = inner.Substring(colon + 2);
                    }

                    next = close + 1;
                }
                else
                {
                    next = dollar + 1;
                    while (next < text.Length && (char.IsLetterOrDigit(text[next]) || text[next] == '_'))
                    {
                        next++;
                    }

                    name = text.Substring(dollar + 1, next - dollar - 1);
                }

                var declared = _globalArguments.TryGetValue(name, out var value);
                if (declared && value is null)
                {
                    // Declared without a default: it is meant to be passed with --build-arg.
                    result.Append(text, dollar, next - dollar);
                    unknown = true;
                }
                else
                {
                    var current = value ?? string.Empty;
                    result.Append(modifier switch
                    {
                        "-" => current.Length > 0 ? current : word,
                        "+" => current.Length > 0 ? word : string.Empty,
                        _ => current,
                    });
                }

                index = next;
            }

            return result.ToString();
        }

        /// <summary><c>ENV NAME=value NAME2="a b"</c>, or the legacy <c>ENV NAME value with spaces</c>. A value that refers
        /// to a variable, or one this reading does not follow (an escape), is null.</summary>
        private static IEnumerable<(string Name, string? Value)> EnvironmentEntries(string arguments)
        {
            var words = QuotedWords(arguments);
            if (words is null || words.Count == 0)
            {
                yield break;
            }

            var first = words[0];
            if (first.IndexOf('=') <= 0)
            {
                var rest = arguments.Substring(arguments.IndexOf(first, StringComparison.Ordinal) + first.Length).Trim();
                yield return (first, Known(Unquote(rest)));
                yield break;
            }

            foreach (var word in words)
            {
                var equals = word.IndexOf('=');
                if (equals > 0)
                {
                    yield return (word.Substring(0, equals), Known(word.Substring(equals + 1)));
                }
            }
        }

        private static string? Known(string value) => value.IndexOf('$') >= 0 || value.IndexOf('\\') >= 0 ? null : value;

        /// <summary>Words split at unquoted whitespace, with their quotes removed; null when a quote is not closed.</summary>
        private static List<string>? QuotedWords(string arguments)
        {
            var words = new List<string>();
            var word = new StringBuilder();
            var inWord = false;
            var quote = '\0';
            foreach (var character in arguments)
            {
                if (quote != '\0')
                {
                    if (character == quote)
                    {
                        quote = '\0';
                    }
                    else
                    {
                        word.Append(character);
                    }
                }
                else if (character is '"' or '\'')
                {
                    quote = character;
                    inWord = true;
                }
                else if (char.IsWhiteSpace(character))
                {
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }
                }
                else
                {
                    word.Append(character);
                    inWord = true;
                }
            }

            if (quote != '\0')
            {
                return null;
            }

            if (inWord)
            {
                words.Add(word.ToString());
            }

            return words;
        }

        private static string Unquote(string value) =>
            value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[value.Length - 1] == value[0]
                ? value.Substring(1, value.Length - 2)
                : value;

        private static List<(string Text, int Start)> Words(string arguments)
        {
            var words = new List<(string Text, int Start)>();
            var index = 0;
            while (index < arguments.Length)
            {
                while (index < arguments.Length && char.IsWhiteSpace(arguments[index]))
                {
                    index++;
                }

                var start = index;
                while (index < arguments.Length && !char.IsWhiteSpace(arguments[index]))
                {
                    index++;
                }

                if (index > start)
                {
                    words.Add((arguments.Substring(start, index - start), start));
                }
            }

            return words;
        }
    }
}
