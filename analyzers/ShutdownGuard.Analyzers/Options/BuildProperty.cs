using Microsoft.CodeAnalysis.Diagnostics;

namespace ShutdownGuard.Options;

/// <summary>The MSBuild properties the build makes visible to analyzers (<c>CompilerVisibleProperty</c>).</summary>
internal static class BuildProperty
{
    /// <summary>The trimmed value; null when the property is unset or blank, as MSBuild treats an empty property.</summary>
    public static string? Read(AnalyzerConfigOptions globalOptions, string name) =>
        globalOptions.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
