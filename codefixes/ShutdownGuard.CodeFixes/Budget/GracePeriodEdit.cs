using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Instrumentation;
using ShutdownGuard.Rules;
using ShutdownGuard.Rules.Budget;

namespace ShutdownGuard.CodeFixes.Budget;

/// <summary>The manifest edit an SG1003 diagnostic's properties carry: rewrite the grace period, or insert it.</summary>
internal sealed class GracePeriodEdit
{
    private GracePeriodEdit(string manifestPath, int seconds, TextChange change)
    {
        ManifestPath = manifestPath;
        Seconds = seconds;
        Change = change;
    }

    public string ManifestPath { get; }

    public int Seconds { get; }

    public TextChange Change { get; }

    public static GracePeriodEdit? From(Diagnostic diagnostic)
    {
        var properties = diagnostic.Properties;
        return properties.TryGetValue(ShutdownBudgetProperties.ManifestPath, out var path) && path is not null
            && properties.TryGetValue(ShutdownBudgetProperties.FittingGracePeriod, out var secondsText)
            && int.TryParse(secondsText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && TextEditProperties.TryRead(diagnostic, out var changes) && changes.Length == 1
                ? new GracePeriodEdit(path, seconds, changes[0])
                : null;
    }

    public TextDocument? FindManifest(Solution solution) =>
        solution.Projects.SelectMany(project => project.AdditionalDocuments).FirstOrDefault(document => document.FilePath == ManifestPath);

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
                .GroupBy(edit => edit.Change.Span.Start)
                .Select(samePlace => samePlace.OrderByDescending(edit => edit.Seconds).First().Change)
                .OrderBy(change => change.Span.Start);
            solution = solution.WithAdditionalDocumentText(manifest.Id, text.WithChanges(changes));
        }

        WorkCounters.FixedSolutionComputed();
        return solution;
    }
}
