using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Budget;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Analysis;

/// <summary>
/// The budgets of the project: one per matched workload, or one from the options when nothing in the manifests runs
/// the project (and the manifests hold no workload at all).
/// </summary>
internal sealed class ProjectBudgets
{
    public ProjectBudgets(ProjectContext project, AppModel app, ImmutableArray<AdditionalFileEntry<AppSettingsValues>> appSettings)
    {
        var budgets = new List<WorkloadBudget>();
        var timeouts = new List<EffectiveShutdownTimeout>();
        if (!project.Matches.IsEmpty)
        {
            // A workload is budgeted once, even when two of its containers match.
            foreach (var match in project.Matches.GroupBy(match => match.Workload).Select(group => group.First()))
            {
                var timeout = ShutdownTimeoutResolver.Resolve(app, app.Style, appSettings, match);
                timeouts.Add(timeout);
                if (timeout.Seconds is not null && ShutdownBudget.ForWorkload(timeout.ToTerm(), app, match, project.Options) is { } budget)
                {
                    budgets.Add(new WorkloadBudget(budget, timeout));
                }
            }
        }
        else if (project.Manifests.Workloads.IsEmpty)
        {
            var timeout = ShutdownTimeoutResolver.Resolve(app, app.Style, appSettings, container: null);
            timeouts.Add(timeout);
            if (timeout.Seconds is not null && ShutdownBudget.FromOptions(timeout.ToTerm(), app, project.Options) is { } budget)
            {
                budgets.Add(new WorkloadBudget(budget, timeout));
            }
        }

        Budgets = budgets;
        Timeouts = timeouts;
        FittingShutdownTimeout = Fitting(budgets.Select(item => item.Budget).ToList());
    }

    public IReadOnlyList<WorkloadBudget> Budgets { get; }

    /// <summary>The effective ShutdownTimeout of each matched container (or of the project, without manifests).</summary>
    public IReadOnlyList<EffectiveShutdownTimeout> Timeouts { get; }

    /// <summary>The ShutdownTimeout that fits the smallest budget, if it is at least 1 s and above the in-app delay.</summary>
    public int? FittingShutdownTimeout { get; }

    /// <summary>The shortest known effective ShutdownTimeout; null when none is known.</summary>
    public EffectiveShutdownTimeout? ShortestTimeout => Timeouts.Where(timeout => timeout.Seconds is not null).OrderBy(timeout => timeout.Seconds).FirstOrDefault();

    private static int? Fitting(IReadOnlyList<ShutdownBudget> budgets)
    {
        if (budgets.Count == 0)
        {
            return null;
        }

        var fitting = budgets.Min(budget => budget.FittingShutdownTimeout);
        var inAppDelay = budgets[0].InAppDelay.Seconds;
        return fitting >= 1 && fitting > inAppDelay ? fitting : null;
    }
}

/// <summary>A budget and the ShutdownTimeout it was computed with.</summary>
internal sealed class WorkloadBudget
{
    public WorkloadBudget(ShutdownBudget budget, EffectiveShutdownTimeout timeout)
    {
        Budget = budget;
        Timeout = timeout;
    }

    public ShutdownBudget Budget { get; }

    public EffectiveShutdownTimeout Timeout { get; }
}
