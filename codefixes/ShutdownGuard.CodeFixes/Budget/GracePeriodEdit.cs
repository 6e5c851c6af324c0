using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;
using ShutdownGuard.Rules.Budget;

namespace ShutdownGuard.CodeFixes.Budget;

/// <summary>The manifest edit an SG1003 diagnostic's properties describe: rewrite the grace period, or insert it.</summary>
internal sealed class GracePeriodEdit
{
    private readonly TextSpan? _value;
    private readonly string? _indent;

    private GracePeriodEdit(string manifestPath, int seconds, TextSpan? value, int position, string? indent)
    {
        ManifestPath = manifestPath;
        Seconds = seconds;
        _value = value;
        Position = position;
        _indent = indent;
    }

    public string ManifestPath { get; }

    public int Seconds { get; }

    public int Position { get; }

    public static GracePeriodEdit? From(Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        if (!properties.TryGetValue(BudgetProperties.ManifestPath, out var path) || path is null
            || Number(properties, BudgetProperties.FittingGracePeriod) is not { } seconds)
        {
            return null;
        }

        if (Number(properties, BudgetProperties.GraceValueStart) is { } start && Number(properties, BudgetProperties.GraceValueLength) is { } length)
        {
            return new GracePeriodEdit(path, seconds, new TextSpan(start, length), start, null);
        }

        return Number(properties, BudgetProperties.GraceInsertAt) is { } insertAt && properties.TryGetValue(BudgetProperties.GraceIndent, out var indent) && indent is not null
            ? new GracePeriodEdit(path, seconds, null, insertAt, indent)
            : null;
    }

    public TextDocument? FindManifest(Solution solution) =>
        solution.Projects.SelectMany(project => project.AdditionalDocuments).FirstOrDefault(document => document.FilePath == ManifestPath);

    public TextChange ToTextChange(SourceText text)
    {
        var value = Seconds.ToString(CultureInfo.InvariantCulture);
        if (_value is { } span)
        {
            return new TextChange(span, value);
        }

        return new TextChange(new TextSpan(Position, 0), _indent + "terminationGracePeriodSeconds: " + value + YamlEdit.LineBreakBefore(text, Position));
    }

    private static int? Number(ImmutableDictionary<string, string?> properties, string key) =>
        properties.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>Applies every edit to its manifest; two edits of one place (two diagnostics of one workload) count once.</summary>
    public static async Task<Solution> ApplyAsync(Solution solution, IEnumerable<GracePeriodEdit> edits, CancellationToken cancellationToken)
    {
        foreach (var group in edits.GroupBy(edit => edit.ManifestPath))
        {
            if (group.First().FindManifest(solution) is not { } manifest)
            {
                continue;
            }

            var text = await manifest.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var changes = group
                .GroupBy(edit => edit.Position)
                .Select(samePlace => samePlace.OrderByDescending(edit => edit.Seconds).First().ToTextChange(text))
                .OrderBy(change => change.Span.Start);
            solution = solution.WithAdditionalDocumentText(manifest.Id, text.WithChanges(changes));
        }

        WorkCounters.FixedSolutionComputed();
        return solution;
    }
}
