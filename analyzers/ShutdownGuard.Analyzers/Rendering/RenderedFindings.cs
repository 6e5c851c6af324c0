using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Rendering;

/// <summary>
/// Holds back the findings of one compilation that involve rendered files, so that a finding is reported in the user's
/// files only: one that still points into rendered output (its source no longer says what was rendered) is dropped, and
/// one that several renders make at the same place is reported once, naming them.
/// </summary>
internal sealed class RenderedFindings
{
    private readonly RenderSources _sources;
    private readonly Action<Diagnostic> _report;
    private readonly List<Diagnostic> _held = new();

    private RenderedFindings(RenderSources sources, Action<Diagnostic> report)
    {
        _sources = sources;
        _report = report;
    }

    /// <summary>Runs <paramref name="analyze"/> with a report action that sorts out rendered findings; without renders,
    /// with <paramref name="report"/> itself.</summary>
    public static void Collect(RenderSources? sources, Action<Diagnostic> report, Action<Action<Diagnostic>> analyze)
    {
        if (sources is null)
        {
            analyze(report);
            return;
        }

        var findings = new RenderedFindings(sources, report);
        analyze(findings.Hold);
        findings.Flush();
    }

    private void Hold(Diagnostic diagnostic)
    {
        if (!Locations(diagnostic).Any(location => _sources.Renders.IsOutput(location.GetLineSpan().Path)))
        {
            _held.Add(diagnostic);
        }
    }

    private void Flush()
    {
        var named = _sources.Renders.Renders.Length > 1;
        foreach (var same in _held.GroupBy(Key))
        {
            var first = same.First();
            var renders = same.SelectMany(Locations).SelectMany(_sources.RendersAt).Distinct().OrderBy(name => name, StringComparer.Ordinal).ToList();
            _report(named && renders.Count > 0 ? Naming(first, renders) : first);
        }
    }

    private static IEnumerable<Location> Locations(Diagnostic diagnostic) => new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations);

    /// <summary>The same finding: the same rule at the same places (the message may name each render's own object).</summary>
    private static string Key(Diagnostic diagnostic) =>
        diagnostic.Id + "\n" + string.Join("\n", Locations(diagnostic).Select(location => location.GetLineSpan().Path + "@" + location.SourceSpan));

    /// <summary>The finding with the renders it holds in added to its message.</summary>
    private static Diagnostic Naming(Diagnostic diagnostic, IReadOnlyList<string> renders)
    {
        var descriptor = diagnostic.Descriptor;
        return Diagnostic.Create(
            diagnostic.Id,
            descriptor.Category,
            diagnostic.GetMessage(CultureInfo.InvariantCulture) + " (in " + string.Join(", ", renders) + ")",
            diagnostic.Severity,
            descriptor.DefaultSeverity,
            descriptor.IsEnabledByDefault,
            diagnostic.WarningLevel,
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            diagnostic.Location,
            diagnostic.AdditionalLocations,
            descriptor.CustomTags,
            diagnostic.Properties);
    }
}
