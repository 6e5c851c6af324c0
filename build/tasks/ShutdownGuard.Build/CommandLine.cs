using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ShutdownGuard.Build;

/// <summary>
/// Arguments joined into one command line that the runtime splits back into the same list (the rules of
/// CommandLineToArgvW, which .NET applies on every platform), since netstandard2.0 has no ArgumentList.
/// </summary>
public static class CommandLine
{
    public static string Join(IEnumerable<string> arguments) => string.Join(" ", arguments.Select(Quote));

    private static string Quote(string argument)
    {
        if (argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c == '"'))
        {
            return argument;
        }

        var quoted = new StringBuilder("\"");
        var backslashes = 0;
        foreach (var c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            // Backslashes double only before a quote; the quote itself is escaped.
            quoted.Append('\\', c == '"' ? backslashes * 2 + 1 : backslashes);
            backslashes = 0;
            quoted.Append(c);
        }

        quoted.Append('\\', backslashes * 2).Append('"');
        return quoted.ToString();
    }
}
