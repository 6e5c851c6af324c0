using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Container;

/// <summary>The final image starts the app through a shell that does not hand SIGTERM on (SG3001).</summary>
internal sealed class ShellStart
{
    // Init processes that forward signals to their child and reap zombies.
    private static readonly ImmutableHashSet<string> Inits = ImmutableHashSet.Create(StringComparer.Ordinal, "tini", "tini-static", "dumb-init", "catatonit");

    // Init options that take a value.
    private static readonly ImmutableHashSet<string> InitOptionsWithValue = ImmutableHashSet.Create(StringComparer.Ordinal, "-p", "-e", "-r", "--rewrite");

    // Shells that run a -c script as a child and wait; bash execs a single simple command itself.
    private static readonly ImmutableHashSet<string> Shells = ImmutableHashSet.Create(StringComparer.Ordinal, "sh", "dash", "ash", "bash");

    private ShellStart(DockerCommand command, string shell, TextChange? fix)
    {
        Command = command;
        Shell = shell;
        Fix = fix;
    }

    /// <summary>The instruction that holds the script (where the diagnostic stands and the fix edits).</summary>
    public DockerCommand Command { get; }

    /// <summary>The shell as the image runs it, e.g. <c>/bin/sh -c</c>.</summary>
    public string Shell { get; }

    /// <summary>The rewrite in exec form; null when the rewritten command would not certainly do the same.</summary>
    public TextChange? Fix { get; }

    /// <summary>Null when the final stage starts the app directly, when the start command comes from the base image,
    /// or when it cannot be told.</summary>
    public static ShellStart? Find(Dockerfile file)
    {
        if (file.FinalStage is not { } stage || (stage.Entrypoint is null && stage.Cmd is null))
        {
            return null;
        }

        var argv = new List<Argument>();
        if (stage.Entrypoint is { } entrypoint)
        {
            Append(argv, entrypoint);
            if (entrypoint.IsExecForm && stage.Cmd is { } cmd)
            {
                Append(argv, cmd);
            }
        }
        else
        {
            Append(argv, stage.Cmd!);
        }

        var shellIndex = SkipInit(argv);
        if (shellIndex >= argv.Count || !Shells.Contains(FileName(argv[shellIndex].Value)))
        {
            return null;
        }

        var scriptIndex = ScriptIndex(argv, shellIndex);
        if (scriptIndex < 0)
        {
            return null;
        }

        var script = argv[scriptIndex];
        var parsed = ShellScript.Parse(script.Value);
        var isBash = FileName(argv[shellIndex].Value) == "bash";
        if (parsed.UsesExec || (isBash && (!parsed.IsUnderstood || parsed.IsSingleSimpleCommand)))
        {
            return null;
        }

        var shell = string.Join(" ", argv.Skip(shellIndex).Take(scriptIndex - shellIndex).Select(argument => argument.Value));
        return new ShellStart(script.Command, shell, Rewrite(stage, script, parsed));
    }

    private static TextChange? Rewrite(DockerStage stage, Argument argument, ShellScript parsed)
    {
        var command = argument.Command;
        if (argument.Index >= 0)
        {
            return parsed.WithExecBeforeLastCommand() is { } execScript
                ? new TextChange(command.ExecArguments[argument.Index].Span, JsonArray.Quote(execScript))
                : null;
        }

        // In exec form an ENTRYPOINT takes the CMD as arguments, which the shell form ignored.
        if (command == stage.Entrypoint && !(stage.Cmd is null && stage.CmdCleared))
        {
            return null;
        }

        var execForm = parsed.LiteralWords is { } words
            ? JsonArray.Format(words)
            : parsed.WithExecBeforeLastCommand() is { } script ? JsonArray.Format(command.Shell.Add(script)) : null;
        return execForm is null ? null : new TextChange(command.Instruction.ArgumentsSpan, execForm);
    }

    private static void Append(List<Argument> argv, DockerCommand command)
    {
        if (command.IsExecForm)
        {
            argv.AddRange(command.ExecArguments.Select((argument, index) => new Argument(argument.Value, command, index)));
            return;
        }

        argv.AddRange(command.Shell.Select(part => new Argument(part, command, Argument.ShellPart)));
        argv.Add(new Argument(command.Script, command, Argument.ShellScript));
    }

    /// <summary>Where the child of an init process starts; 0 without one.</summary>
    private static int SkipInit(List<Argument> argv)
    {
        if (argv.Count == 0 || !Inits.Contains(FileName(argv[0].Value)))
        {
            return 0;
        }

        var index = 1;
        while (index < argv.Count)
        {
            var value = argv[index].Value;
            if (value == "--")
            {
                return index + 1;
            }

            if (!value.StartsWith("-", StringComparison.Ordinal))
            {
                break;
            }

            index += InitOptionsWithValue.Contains(value) ? 2 : 1;
        }

        return index;
    }

    /// <summary>The argument a shell runs as its <c>-c</c> script; -1 when it runs a script file or reads stdin.</summary>
    private static int ScriptIndex(List<Argument> argv, int shellIndex)
    {
        var hasC = false;
        var index = shellIndex + 1;
        while (index < argv.Count)
        {
            var value = argv[index].Value;
            if (value == "--")
            {
                index++;
                break;
            }

            if (value is "-o" or "+o")
            {
                index += 2;
                continue;
            }

            if (value.Length < 2 || (value[0] != '-' && value[0] != '+'))
            {
                break;
            }

            hasC |= value[0] == '-' && value[1] != '-' && value.IndexOf('c') > 0;
            index++;
        }

        return hasC && index < argv.Count ? index : -1;
    }

    private static string FileName(string path) => path.Substring(path.LastIndexOf('/') + 1);

    /// <summary>One item of the command line the container runs, and the instruction it came from.</summary>
    private readonly struct Argument
    {
        public const int ShellPart = -2;
        public const int ShellScript = -1;

        public Argument(string value, DockerCommand command, int index)
        {
            Value = value;
            Command = command;
            Index = index;
        }

        public string Value { get; }

        public DockerCommand Command { get; }

        /// <summary>The exec-form item index, or <see cref="ShellPart"/> / <see cref="ShellScript"/> for a shell form.</summary>
        public int Index { get; }
    }
}
