using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Hosting;
using ShutdownGuard.Text;

namespace ShutdownGuard.Budget;

/// <summary>An <c>appsettings*.json</c> file that sets <c>shutdownTimeoutSeconds</c>.</summary>
internal sealed class AppSettingsFile
{
    public AppSettingsFile(string path, SourceText text, AppSettingsTimeout timeout)
    {
        Path = path;
        Text = text;
        Timeout = timeout;
    }

    public string Path { get; }

    public SourceText Text { get; }

    public AppSettingsTimeout Timeout { get; }

    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The environment of <c>appsettings.{Environment}.json</c>; null for <c>appsettings.json</c>.</summary>
    public string? EnvironmentName
    {
        get
        {
            var name = FileName;
            const string Prefix = "appsettings.";
            const string Suffix = ".json";
            return name.Length > Prefix.Length + Suffix.Length
                && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)
                && name.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
                ? name.Substring(Prefix.Length, name.Length - Prefix.Length - Suffix.Length)
                : null;
        }
    }

    public Location Location => Location.Create(Path, Timeout.Span, Text.Lines.GetLinePositionSpan(Timeout.Span));

    public string Describe() => FileLine.Of(FileName, Text, Timeout.Span.Start);

    /// <summary>The appsettings files that set the key, sorted by path; each text read once through the cache.</summary>
    public static ImmutableArray<AppSettingsFile> FromAdditionalFiles(ImmutableArray<AdditionalText> files, Func<SourceText, AppSettingsTimeout?> readCached, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<AppSettingsFile>();
        foreach (var file in files.Where(file => IsAppSettingsPath(file.Path)).OrderBy(file => file.Path, StringComparer.Ordinal))
        {
            if (file.GetText(cancellationToken) is { } text && readCached(text) is { } timeout)
            {
                result.Add(new AppSettingsFile(file.Path, text, timeout));
            }
        }

        return result.ToImmutable();
    }

    /// <summary>The per-text cache of the appsettings reader.</summary>
    public static readonly SourceTextValueProvider<AppSettingsTimeout?> Cache = new(AppSettingsReader.Read);

    public static bool IsAppSettingsPath(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }
}
