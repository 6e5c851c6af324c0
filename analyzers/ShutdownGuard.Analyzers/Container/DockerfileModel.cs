using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Container;

/// <summary>One instruction: its keyword and where it stands, continuation lines and heredoc bodies included.</summary>
internal sealed class DockerInstruction
{
    public DockerInstruction(string keyword, TextSpan span, TextSpan argumentsSpan, string arguments)
    {
        Keyword = keyword;
        Span = span;
        ArgumentsSpan = argumentsSpan;
        Arguments = arguments;
    }

    /// <summary>Upper case, as Docker compares it.</summary>
    public string Keyword { get; }

    /// <summary>From the keyword to the end of the instruction's last line, line break excluded.</summary>
    public TextSpan Span { get; }

    /// <summary>From the first argument character to the end of the instruction (empty at its end when there is none).</summary>
    public TextSpan ArgumentsSpan { get; }

    /// <summary>The arguments with line continuations and interleaved comment lines removed, trimmed.</summary>
    public string Arguments { get; }
}

/// <summary>One item of an exec-form array: its value and the span of the JSON string, quotes included.</summary>
internal readonly struct CommandArgument
{
    public CommandArgument(string value, TextSpan span)
    {
        Value = value;
        Span = span;
    }

    public string Value { get; }

    public TextSpan Span { get; }
}

/// <summary>An <c>ENTRYPOINT</c> or <c>CMD</c>, in exec form (a JSON array) or shell form (a script run by the shell in effect).</summary>
internal sealed class DockerCommand
{
    public DockerCommand(DockerInstruction instruction, ImmutableArray<CommandArgument> execArguments, ImmutableArray<string> shell)
    {
        Instruction = instruction;
        ExecArguments = execArguments;
        Shell = shell;
    }

    public DockerInstruction Instruction { get; }

    /// <summary>The array items in exec form; default (not empty) in shell form.</summary>
    public ImmutableArray<CommandArgument> ExecArguments { get; }

    public bool IsExecForm => !ExecArguments.IsDefault;

    /// <summary>The shell form's script (the arguments as written).</summary>
    public string Script => Instruction.Arguments;

    /// <summary>The <c>SHELL</c> in effect where the instruction stands; a shell-form command runs as this plus the script.</summary>
    public ImmutableArray<string> Shell { get; }
}

/// <summary>An image reference after global <c>ARG</c> substitution. Variables without a known value stay as written.</summary>
internal sealed class ImageReference
{
    public ImageReference(string text, TextSpan span, bool hasUnknownParts)
    {
        Text = text;
        Span = span;
        HasUnknownParts = hasUnknownParts;
    }

    public string Text { get; }

    /// <summary>The image as written in its <c>FROM</c>.</summary>
    public TextSpan Span { get; }

    /// <summary>A variable whose value is unknown (an <c>ARG</c> without default) is part of the text.</summary>
    public bool HasUnknownParts { get; }
}

/// <summary>A build stage and the image configuration it ends with, inherited through stage names.</summary>
internal sealed class DockerStage
{
    public DockerStage(
        string? name,
        DockerInstruction from,
        ImageReference baseImage,
        DockerStage? parent,
        ImmutableArray<string> shell,
        DockerCommand? entrypoint,
        DockerCommand? cmd,
        bool cmdCleared,
        ImmutableDictionary<string, string?> environment)
    {
        Name = name;
        From = from;
        BaseImage = baseImage;
        Parent = parent;
        Shell = shell;
        Entrypoint = entrypoint;
        Cmd = cmd;
        CmdCleared = cmdCleared;
        Environment = environment;
    }

    /// <summary>The <c>AS</c> name, lower case; null when the stage has none.</summary>
    public string? Name { get; }

    public DockerInstruction From { get; }

    /// <summary>The image outside this file that the stage is built on, resolved through earlier stages.</summary>
    public ImageReference BaseImage { get; }

    /// <summary>The earlier stage that <c>FROM</c> names; null when it names an image.</summary>
    public DockerStage? Parent { get; }

    public ImmutableArray<string> Shell { get; }

    /// <summary>The last <c>ENTRYPOINT</c> in effect; null when it comes from the base image.</summary>
    public DockerCommand? Entrypoint { get; }

    /// <summary>The last <c>CMD</c> in effect; null when it comes from the base image or was cleared.</summary>
    public DockerCommand? Cmd { get; }

    /// <summary>An <c>ENTRYPOINT</c> cleared the <c>CMD</c> inherited from an earlier stage or the base image.</summary>
    public bool CmdCleared { get; }

    /// <summary>The variables <c>ENV</c> sets in this stage and the stages it is built on (not the base image's); a value
    /// that refers to a variable is null (unknown).</summary>
    public ImmutableDictionary<string, string?> Environment { get; }
}

/// <summary>A Dockerfile: its stages in order. The last one is the image that runs.</summary>
internal sealed class Dockerfile
{
    public static readonly ImmutableArray<string> DefaultShell = ImmutableArray.Create("/bin/sh", "-c");

    public Dockerfile(char escape, ImmutableArray<DockerInstruction> instructions, ImmutableArray<DockerStage> stages)
    {
        Escape = escape;
        Instructions = instructions;
        Stages = stages;
    }

    /// <summary>The line continuation character: <c>\</c>, or <c>`</c> when the <c>escape</c> directive says so.</summary>
    public char Escape { get; }

    public ImmutableArray<DockerInstruction> Instructions { get; }

    public ImmutableArray<DockerStage> Stages { get; }

    /// <summary>The stage that becomes the image; null for a file without <c>FROM</c>.</summary>
    public DockerStage? FinalStage => Stages.IsEmpty ? null : Stages[Stages.Length - 1];
}
