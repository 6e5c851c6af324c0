using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace ShutdownGuard.Container;

/// <summary>One command of a script's top-level list.</summary>
internal sealed class ShellCommand
{
    public ShellCommand(int start, ImmutableArray<string> words, bool hasExpansion, bool hasRedirection, bool startsWithAssignment, bool inPipelineOrBackground)
    {
        Start = start;
        Words = words;
        HasExpansion = hasExpansion;
        HasRedirection = hasRedirection;
        StartsWithAssignment = startsWithAssignment;
        InPipelineOrBackground = inPipelineOrBackground;
    }

    /// <summary>Where its first word starts in the script.</summary>
    public int Start { get; }

    /// <summary>The words with quotes and escapes removed, redirections left out.</summary>
    public ImmutableArray<string> Words { get; }

    /// <summary>A parameter expansion (<c>$X</c>), a glob or a tilde: the words are not what runs.</summary>
    public bool HasExpansion { get; }

    public bool HasRedirection { get; }

    /// <summary><c>NAME=value command …</c>.</summary>
    public bool StartsWithAssignment { get; }

    /// <summary>Part of a pipeline, or run in the background (<c>&amp;</c>).</summary>
    public bool InPipelineOrBackground { get; }
}

/// <summary>
/// Just enough of a POSIX shell script to tell a list of simple commands (<c>a &amp;&amp; b; c</c>) from anything else.
/// Whatever it does not follow — subshells, command substitution, compound commands, comments, heredocs — makes the
/// script not understood, and then no verdict and no rewrite depend on its structure.
/// </summary>
internal sealed class ShellScript
{
    private static readonly Regex Exec = new(@"(?:^|[\s;&|(])exec(?:\s|$)", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> Keywords = new()
    {
        "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "function", "select", "!", "[[", "]]", "time", "coproc",
    };

    private ShellScript(string text, bool isUnderstood, ImmutableArray<ShellCommand> commands)
    {
        Text = text;
        IsUnderstood = isUnderstood;
        Commands = commands;
    }

    public string Text { get; }

    /// <summary>The script is a list of simple commands joined by <c>;</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>|</c>, <c>&amp;</c> or new lines.</summary>
    public bool IsUnderstood { get; }

    public ImmutableArray<ShellCommand> Commands { get; }

    /// <summary>The script runs <c>exec</c> somewhere (read loosely: a mention is enough to stay silent).</summary>
    public bool UsesExec => Exec.IsMatch(Text);

    /// <summary>One simple command with no redirection: bash runs it with <c>exec</c> by itself.</summary>
    public bool IsSingleSimpleCommand => IsUnderstood && Commands.Length == 1 && !Commands[0].HasRedirection && !Commands[0].InPipelineOrBackground;

    /// <summary>The words of a single command that needs no shell at all; null otherwise.</summary>
    public ImmutableArray<string>? LiteralWords =>
        IsSingleSimpleCommand && !Commands[0].HasExpansion && !Commands[0].StartsWithAssignment && !Commands[0].Words.IsEmpty
            ? Commands[0].Words
            : null;

    /// <summary>The script with <c>exec</c> before its last command; null unless that runs the same commands with the
    /// same effect (no pipeline or background job, no assignment prefix, no trap that exec would drop).</summary>
    public string? WithExecBeforeLastCommand()
    {
        if (!IsUnderstood || Commands.IsEmpty)
        {
            return null;
        }

        foreach (var command in Commands)
        {
            if (command.InPipelineOrBackground || (command.Words.Length > 0 && command.Words[0] == "trap"))
            {
                return null;
            }
        }

        var last = Commands[Commands.Length - 1];
        if (last.StartsWithAssignment || last.Words.IsEmpty || last.Words[0] == "exec")
        {
            return null;
        }

        return Text.Insert(last.Start, "exec ");
    }

    public static ShellScript Parse(string text) => new Tokenizer(text).Run();

    private sealed class Tokenizer
    {
        private readonly string _text;
        private readonly ImmutableArray<ShellCommand>.Builder _commands = ImmutableArray.CreateBuilder<ShellCommand>();
        private readonly ImmutableArray<string>.Builder _words = ImmutableArray.CreateBuilder<string>();
        private readonly StringBuilder _word = new();
        private int _index;
        private bool _inWord;
        private int _commandStart = -1;
        private bool _expansion;
        private bool _redirection;
        private bool _redirectionTarget;
        private bool _assignment;
        private bool _piped;

        public Tokenizer(string text)
        {
            _text = text;
        }

        public ShellScript Run()
        {
            var understood = Scan();
            if (understood)
            {
                EndWord();
                EndCommand(pipedAfter: false);
                foreach (var command in _commands)
                {
                    if (command.Words.Length > 0 && Keywords.Contains(command.Words[0]))
                    {
                        understood = false;
                    }
                }
            }

            return new ShellScript(_text, understood, understood ? _commands.ToImmutable() : ImmutableArray<ShellCommand>.Empty);
        }

        private bool Scan()
        {
            while (_index < _text.Length)
            {
                var c = _text[_index];
                var next = _index + 1 < _text.Length ? _text[_index + 1] : '\0';
                switch (c)
                {
                    case ' ' or '\t' or '\r':
                        EndWord();
                        _index++;
                        break;
                    case '\\':
                        if (next != '\n' && next != '\0')
                        {
                            Append(next);
                        }

                        _index += 2;
                        break;
                    case '\'':
                        var close = _text.IndexOf('\'', _index + 1);
                        if (close < 0)
                        {
                            return false;
                        }

                        StartWord();
                        _word.Append(_text, _index + 1, close - _index - 1);
                        _index = close + 1;
                        break;
                    case '"':
                        if (!ScanDoubleQuoted())
                        {
                            return false;
                        }

                        break;
                    case '$':
                        if (next == '(' || !ScanParameter())
                        {
                            return false;
                        }

                        break;
                    case '*' or '?' or '[':
                        _expansion = true;
                        Append(c);
                        _index++;
                        break;
                    case '~' when !_inWord:
                        _expansion = true;
                        Append(c);
                        _index++;
                        break;
                    case '#' when !_inWord:
                    case '`' or '(' or ')' or '{' or '}':
                        return false;
                    case ';' or '\n':
                        EndWord();
                        EndCommand(pipedAfter: false);
                        _index++;
                        break;
                    case '&' or '|':
                        EndWord();
                        var doubled = next == c;
                        EndCommand(pipedAfter: !doubled);
                        _index += doubled ? 2 : 1;
                        break;
                    case '<' or '>':
                        if (!ScanRedirection(c, next))
                        {
                            return false;
                        }

                        break;
                    default:
                        Append(c);
                        _index++;
                        break;
                }
            }

            return true;
        }

        private bool ScanDoubleQuoted()
        {
            StartWord();
            _index++;
            while (_index < _text.Length)
            {
                var c = _text[_index];
                if (c == '"')
                {
                    _index++;
                    return true;
                }

                if (c == '`' || (c == '$' && _index + 1 < _text.Length && _text[_index + 1] == '('))
                {
                    return false;
                }

                if (c == '$')
                {
                    _expansion = true;
                }

                if (c == '\\' && _index + 1 < _text.Length && _text[_index + 1] is '$' or '`' or '"' or '\\' or '\n')
                {
                    if (_text[_index + 1] != '\n')
                    {
                        _word.Append(_text[_index + 1]);
                    }

                    _index += 2;
                    continue;
                }

                _word.Append(c);
                _index++;
            }

            return false;
        }

        /// <summary><c>$NAME</c>, <c>${NAME…}</c>, <c>$1</c>, <c>$@</c>: kept as written, marked as an expansion.</summary>
        private bool ScanParameter()
        {
            _expansion = true;
            var start = _index;
            _index++;
            if (_index < _text.Length && _text[_index] == '{')
            {
                var close = _text.IndexOf('}', _index);
                if (close < 0)
                {
                    return false;
                }

                _index = close + 1;
            }
            else
            {
                while (_index < _text.Length && (char.IsLetterOrDigit(_text[_index]) || _text[_index] is '_' or '@' or '*' or '#' or '?'))
                {
                    _index++;
                }
            }

            StartWord();
            _word.Append(_text, start, _index - start);
            return true;
        }

        /// <summary><c>&gt;</c>, <c>&gt;&gt;</c>, <c>2&gt;&amp;1</c>, <c>&lt;</c>, <c>&gt;|</c>; a heredoc (<c>&lt;&lt;</c>) is not followed.</summary>
        private bool ScanRedirection(char c, char next)
        {
            if (c == '<' && next == '<')
            {
                return false;
            }

            // A file descriptor number right before the operator belongs to the redirection.
            if (_inWord && IsDigits(_word))
            {
                _word.Clear();
                _inWord = false;
            }

            EndWord();
            _redirection = true;
            _redirectionTarget = true;
            _index += next is '>' or '&' or '|' ? 2 : 1;
            return true;
        }

        private static bool IsDigits(StringBuilder word)
        {
            for (var i = 0; i < word.Length; i++)
            {
                if (!char.IsDigit(word[i]))
                {
                    return false;
                }
            }

            return word.Length > 0;
        }

        private void StartWord()
        {
            if (_inWord)
            {
                return;
            }

            _inWord = true;
            if (_commandStart < 0)
            {
                _commandStart = _index;
            }

            // An assignment prefix: NAME= as the command's first word, unquoted.
            if (_words.Count == 0 && !_redirectionTarget)
            {
                var index = _index;
                while (index < _text.Length && (char.IsLetterOrDigit(_text[index]) || _text[index] == '_'))
                {
                    index++;
                }

                _assignment |= index > _index && index < _text.Length && _text[index] == '=' && !char.IsDigit(_text[_index]);
            }
        }

        private void Append(char c)
        {
            StartWord();
            _word.Append(c);
        }

        private void EndWord()
        {
            if (!_inWord)
            {
                return;
            }

            if (_redirectionTarget)
            {
                _redirectionTarget = false;
            }
            else
            {
                _words.Add(_word.ToString());
            }

            _word.Clear();
            _inWord = false;
        }

        private void EndCommand(bool pipedAfter)
        {
            if (_commandStart >= 0)
            {
                _commands.Add(new ShellCommand(_commandStart, _words.ToImmutable(), _expansion, _redirection, _assignment, _piped || pipedAfter));
            }

            _words.Clear();
            _commandStart = -1;
            _expansion = _redirection = _redirectionTarget = _assignment = false;
            _piped = pipedAfter;
        }
    }
}
