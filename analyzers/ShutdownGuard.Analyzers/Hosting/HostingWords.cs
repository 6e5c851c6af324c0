using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace ShutdownGuard.Hosting;

/// <summary>
/// The words without which code cannot build a host, set its options, map an endpoint, register a health check or
/// react to stopping: the names of the methods, properties and types the collectors read. A body whose text has none of
/// them (comments and strings count: a false match only costs a read) is not read as it is analysed; only if code that
/// matters calls it (see <see cref="OperationWalk"/>). Identifiers are matched as written, so a body with a Unicode
/// escape is always read.
/// </summary>
internal static class HostingWords
{
    private static readonly string[] Words =
    {
        // Host builders and the host.
        "Build", "Create", "CreateBuilder", "CreateSlimBuilder", "CreateEmptyBuilder", "CreateApplicationBuilder", "CreateDefaultBuilder",
        "Host", "HostBuilder", "IHost", "IHostBuilder", "HostApplicationBuilder", "IHostApplicationBuilder", "WebHost", "IWebHost",
        "WebHostBuilder", "IWebHostBuilder", "WebApplication", "WebApplicationBuilder", "Services", "IServiceCollection", "ServiceCollection",
        "ConfigureServices", "ConfigureWebHost", "ConfigureWebHostDefaults",

        // Shutdown timeout, environment and addresses.
        "Configure", "PostConfigure", "Bind", "BindConfiguration", "AddOptions", "ConfigureHostOptions", "HostOptions", "ShutdownTimeout",
        "EnvironmentName", "Urls", "Run", "RunAsync", "Listen", "ListenAnyIP", "ListenLocalhost", "ListenUnixSocket", "ListenNamedPipe",
        "ListenHandle",

        // Stopping.
        "ApplicationStopping", "Lifetime", "IHostApplicationLifetime", "IApplicationLifetime", "Register", "UnsafeRegister",
        "AddHostedService", "AddSingleton", "IHostedService", "BackgroundService",

        // Endpoints and health checks (Map… and Use… are matched as prefixes).
        "IEndpointRouteBuilder", "RouteGroupBuilder", "IApplicationBuilder", "AddHealthChecks", "IHealthChecksBuilder",
    };

    private static readonly string[][] WordsByLength = ByLength(Words);

    private const int ChunkLength = 4096;

    [ThreadStatic]
    private static char[]? _buffer;

    /// <summary>The span of the text mentions hosting.</summary>
    public static bool Mentioned(SourceText text, TextSpan span) => Any(text, span, new HostingWordTest());

    /// <summary>The span of the text has one of the names.</summary>
    public static bool MentionsAny(SourceText text, TextSpan span, NameSet names) =>
        !names.IsEmpty && Any(text, span, new NameTest(names.ByLength));

    /// <summary>The name is a hosting word: a body that has it is read.</summary>
    public static bool IsHostingWord(string name) => IsHostingWord(name.ToCharArray(), 0, name.Length);

    /// <summary>What a word is tested for; a struct, so that the scan of every body calls it without a delegate.</summary>
    private interface IWordTest
    {
        bool Test(char[] buffer, int start, int length);
    }

    private static bool Any<TTest>(SourceText text, TextSpan span, TTest test)
        where TTest : struct, IWordTest
    {
        // Read in chunks, so that the buffer each thread keeps stays small whatever the size of a body.
        var buffer = _buffer ??= new char[ChunkLength];
        var chunkStart = span.Start;
        while (chunkStart < span.End)
        {
            var count = Math.Min(ChunkLength, span.End - chunkStart);
            text.CopyTo(chunkStart, buffer, 0, count);
            var position = 0;
            var next = count;
            while (position < count)
            {
                var character = buffer[position];
                if (character == '\\')
                {
                    // \u0052egister is Register.
                    return true;
                }

                if (!IsWordStart(character))
                {
                    position++;
                    continue;
                }

                var start = position;
                while (position < count && IsWordPart(buffer[position]))
                {
                    position++;
                }

                if (position == count && start > 0 && chunkStart + count < span.End)
                {
                    // The word may go on in the next chunk: read it from its start there.
                    next = start;
                    break;
                }

                if (test.Test(buffer, start, position - start))
                {
                    return true;
                }
            }

            chunkStart += next;
        }

        return false;
    }

    private static bool IsHostingWord(char[] buffer, int start, int length)
    {
        if (HasPrefix(buffer, start, length, "Map") || HasPrefix(buffer, start, length, "Use"))
        {
            return true;
        }

        return IsOneOf(buffer, start, length, WordsByLength);
    }

    private static bool IsOneOf(char[] buffer, int start, int length, string[][] wordsByLength)
    {
        if (length >= wordsByLength.Length)
        {
            return false;
        }

        foreach (var word in wordsByLength[length])
        {
            if (Equal(buffer, start, word))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The prefix alone, or followed by an upper-case letter: <c>MapGet</c>, <c>Use</c>, <c>UseUrls</c>, not <c>User</c>.</summary>
    private static bool HasPrefix(char[] buffer, int start, int length, string prefix) =>
        length >= prefix.Length && Equal(buffer, start, prefix) && (length == prefix.Length || char.IsUpper(buffer[start + prefix.Length]));

    private static bool Equal(char[] buffer, int start, string word)
    {
        for (var i = 0; i < word.Length; i++)
        {
            if (buffer[start + i] != word[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsWordStart(char character) =>
        (uint)((character | 0x20) - 'a') <= 'z' - 'a' || character == '_' || (character > 0x7F && char.IsLetter(character));

    private static bool IsWordPart(char character) =>
        (uint)((character | 0x20) - 'a') <= 'z' - 'a' || (uint)(character - '0') <= 9 || character == '_' || (character > 0x7F && char.IsLetterOrDigit(character));

    private static string[][] ByLength(ICollection<string> words)
    {
        var longest = 0;
        foreach (var word in words)
        {
            longest = Math.Max(longest, word.Length);
        }

        var byLength = new List<string>[longest + 1];
        foreach (var word in words)
        {
            (byLength[word.Length] ??= new List<string>()).Add(word);
        }

        return Array.ConvertAll(byLength, list => list?.ToArray() ?? Array.Empty<string>());
    }

    private readonly struct HostingWordTest : IWordTest
    {
        public bool Test(char[] buffer, int start, int length) => IsHostingWord(buffer, start, length);
    }

    private readonly struct NameTest : IWordTest
    {
        private readonly string[][] _byLength;

        public NameTest(string[][] byLength) => _byLength = byLength;

        public bool Test(char[] buffer, int start, int length) => IsOneOf(buffer, start, length, _byLength);
    }

    /// <summary>Names to look for, indexed by length.</summary>
    internal sealed class NameSet
    {
        public NameSet(ICollection<string> names)
        {
            IsEmpty = names.Count == 0;
            ByLength = HostingWords.ByLength(names);
        }

        public bool IsEmpty { get; }

        public string[][] ByLength { get; }
    }
}
