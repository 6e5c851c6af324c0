using System;
using System.Text.RegularExpressions;

namespace ShutdownGuard.Build;

/// <summary>The line of a tool's standard error that says why it failed, without the tool's log prefixes.</summary>
public static class ToolErrorLine
{
    // klog: severity letter, date, time, thread id, file:line] (kubectl logs its failure this way).
    private static readonly Regex KlogPrefix = new(@"^(?<severity>[IWEF])\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]+\] ", RegexOptions.CultureInvariant);
    // Helm logs warnings through Go's log package as file.go:line: text (a symbolic link in the chart, say).
    private static readonly Regex GoLogLine = new(@"^[\w-]+\.go:\d+: ", RegexOptions.CultureInvariant);
    private static readonly Regex ErrorPrefix = new(@"^(?:Error|error): ", RegexOptions.CultureInvariant);
    private const string CommandFailed = "\"command failed\" err=";

    /// <summary>The first line that states an error, or null when standard error holds none.</summary>
    public static string? From(string standardError)
    {
        var lines = standardError.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var klog = KlogPrefix.Match(line);
            if (klog.Success)
            {
                // Information and warnings logged before the failure are not its reason.
                if (klog.Groups["severity"].Value is "I" or "W")
                {
                    continue;
                }

                line = line.Substring(klog.Length);
            }

            if (line.StartsWith(CommandFailed, StringComparison.Ordinal))
            {
                return CommandFailedReason(line.Substring(CommandFailed.Length), lines, i);
            }

            if (line.StartsWith("WARNING:", StringComparison.Ordinal) || line.StartsWith("Warning:", StringComparison.Ordinal) || GoLogLine.IsMatch(line))
            {
                continue;
            }

            return ErrorPrefix.Replace(line, "");
        }

        return null;
    }

    // A multi-line err is written as err=<, its lines follow indented; a one-line err is a quoted Go string.
    private static string? CommandFailedReason(string value, string[] lines, int index)
    {
        if (value == "<")
        {
            for (var next = index + 1; next < lines.Length; next++)
            {
                if (lines[next].Trim().Length > 0)
                {
                    return ErrorPrefix.Replace(lines[next].Trim(), "");
                }
            }

            return null;
        }

        if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
        {
            value = Regex.Unescape(value.Substring(1, value.Length - 2));
        }

        return ErrorPrefix.Replace(value, "");
    }
}
