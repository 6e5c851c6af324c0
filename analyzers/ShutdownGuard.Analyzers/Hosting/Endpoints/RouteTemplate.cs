using System;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>
/// Route templates as ASP.NET Core routing reads them, reduced to what a probe path needs: literal segments compare
/// ignoring case, a parameter segment (<c>{id}</c>, <c>{id:int}</c>, <c>file{id}</c>) takes any one segment, an
/// optional or defaulted parameter may be absent, and a catch-all (<c>{*rest}</c>, <c>{**rest}</c>) takes the rest.
/// Constraints are not evaluated: a path that might be served counts as served.
/// </summary>
internal static class RouteTemplate
{
    /// <summary>A leading <c>/</c>, no trailing <c>/</c> (except the root), no <c>~</c>, no query string.</summary>
    public static string Normalize(string template)
    {
        var text = template.Trim();
        var query = text.IndexOfAny(new[] { '?', '#' });
        if (query >= 0 && text.IndexOf('{') < 0)
        {
            text = text.Substring(0, query);
        }

        if (text.StartsWith("~", StringComparison.Ordinal))
        {
            text = text.Substring(1);
        }

        text = text.Trim('/');
        return "/" + text;
    }

    /// <summary>A group prefix or controller route followed by a template relative to it.</summary>
    public static string Combine(string prefix, string template)
    {
        var head = Normalize(prefix);
        var tail = Normalize(template);
        if (head == "/")
        {
            return tail;
        }

        return tail == "/" ? head : head + tail;
    }

    /// <summary>True when a template overrides the route it would be combined with (<c>/x</c>, <c>~/x</c>).</summary>
    public static bool IsAbsolute(string template) =>
        template.StartsWith("/", StringComparison.Ordinal) || template.StartsWith("~/", StringComparison.Ordinal);

    public static bool Matches(string template, string path)
    {
        var pattern = Segments(Normalize(template));
        var segments = Segments(Normalize(path));
        for (var index = 0; index < pattern.Length; index++)
        {
            var part = pattern[index];
            if (IsCatchAll(part))
            {
                return true;
            }

            if (index >= segments.Length)
            {
                return IsOptional(part) && Rest(pattern, index + 1);
            }

            if (part.IndexOf('{') < 0 && !string.Equals(part, segments[index], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return pattern.Length == segments.Length;
    }

    /// <summary>How many literal segments a template has: routing prefers the more specific of two matches.</summary>
    public static int Specificity(string template)
    {
        var count = 0;
        foreach (var part in Segments(Normalize(template)))
        {
            if (part.IndexOf('{') < 0)
            {
                count++;
            }
        }

        return count;
    }

    private static bool Rest(string[] pattern, int from)
    {
        for (var index = from; index < pattern.Length; index++)
        {
            if (!IsOptional(pattern[index]) && !IsCatchAll(pattern[index]))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Segments(string normalized) =>
        normalized == "/" ? Array.Empty<string>() : normalized.Substring(1).Split('/');

    private static bool IsCatchAll(string part) => part.StartsWith("{*", StringComparison.Ordinal);

    private static bool IsOptional(string part) =>
        part.StartsWith("{", StringComparison.Ordinal) && part.EndsWith("}", StringComparison.Ordinal)
        && (part.EndsWith("?}", StringComparison.Ordinal) || part.IndexOf('=') >= 0);
}
