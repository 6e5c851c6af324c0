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
            var valueSource = _sources.ValueSourceAt(first.Location)?.GetLocation();
            if (valueSource is not null && Locations(first).Any(location => location.Equals(valueSource)))
            {
                valueSource = null;
            }

            _report(named && renders.Count > 0 || valueSource is not null ? Recreate(first, named ? renders : Array.Empty<string>(), valueSource) : first);
        }
    }

    private static IEnumerable<Location> Locations(Diagnostic diagnostic) => new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations);

    /// <summary>The same finding: the same rule at the same places (the message may name each render's own object).</summary>
    private static string Key(Diagnostic diagnostic) =>
        diagnostic.Id + "\n" + string.Join("\n", Locations(diagnostic).Select(location => location.GetLineSpan().Path + "@" + location.SourceSpan));

    /// <summary>The finding with the renders it holds in added to its message, and the place its key's value came from
    /// added to its locations.</summary>
    private static Diagnostic Recreate(Diagnostic diagnostic, IReadOnlyList<string> renders, Location? valueSource)
    {
        var descriptor = diagnostic.Descriptor;
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        return Diagnostic.Create(
            diagnostic.Id,
            descriptor.Category,
            renders.Count > 0 ? message + " (in " + string.Join(", ", renders) + ")" : message,
            diagnostic.Severity,
            descriptor.DefaultSeverity,
            descriptor.IsEnabledByDefault,
            diagnostic.WarningLevel,
            descriptor.Title,
            descriptor.Description,
            descriptor.HelpLinkUri,
            diagnostic.Location,
            valueSource is null ? diagnostic.AdditionalLocations : diagnostic.AdditionalLocations.Concat(new[] { valueSource }),
            descriptor.CustomTags,
            diagnostic.Properties);
    }
}
