using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Analysis;
using ShutdownGuard.Budget;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Budget;

/// <summary>
/// The shutdown budget: SG1003 (ShutdownTimeout does not fit the grace period), SG1008 (the in-app delay takes the
/// whole ShutdownTimeout) and SG2006 (the preStop delay takes the whole grace period). They need the whole program,
/// so they report at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ShutdownBudgetAnalyzer : DiagnosticAnalyzer
{
    private static readonly SourceTextValueProvider<AppSettingsTimeout?> AppSettingsCache = new(AppSettingsReader.Read);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.ShutdownTimeoutExceedsGracePeriod, Descriptors.InAppDelayTakesShutdownTimeout, Descriptors.PreStopTakesGracePeriod);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var project = ProjectContext.TryCreate(context);
        if (project is null || !project.CanRunInPod)
        {
            return;
        }

        var appSettings = ReadAppSettings(context.Options.AdditionalFiles, text => context.TryGetValue(text, AppSettingsCache, out var value) ? value : null, context.CancellationToken);
        var collector = new AppModelCollector(context.Compilation, project.Hosting);
        collector.Register(context);
        context.RegisterCompilationEndAction(end =>
        {
            var app = collector.ToModel();
            if (!app.HostBuilds.IsEmpty)
            {
                Report(end, new BudgetInputs(project, app, appSettings));
            }
        });
    }

    private static ImmutableArray<AppSettingsFile> ReadAppSettings(ImmutableArray<AdditionalText> files, System.Func<SourceText, AppSettingsTimeout?> read, CancellationToken cancellationToken)
    {
        var result = ImmutableArray.CreateBuilder<AppSettingsFile>();
        foreach (var file in files.Where(file => AppSettingsFile.IsAppSettingsPath(file.Path)).OrderBy(file => file.Path, System.StringComparer.Ordinal))
        {
            if (file.GetText(cancellationToken) is { } text && read(text) is { } timeout)
            {
                result.Add(new AppSettingsFile(file.Path, text, timeout));
            }
        }

        return result.ToImmutable();
    }

    private static void Report(CompilationAnalysisContext context, BudgetInputs inputs)
    {
        foreach (var budget in inputs.Budgets)
        {
            if (budget.Budget.Exceeds)
            {
                context.ReportDiagnostic(CreateExceeds(inputs, budget.Budget, budget.Timeout));
            }
        }

        ReportInAppDelays(context, inputs);
        ReportPreStops(context, inputs.Project);
    }

    private static Diagnostic CreateExceeds(BudgetInputs inputs, ShutdownBudget budget, EffectiveShutdownTimeout timeout)
    {
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        if (inputs.FittingShutdownTimeout is { } fitting)
        {
            properties[BudgetProperties.FittingShutdownTimeout] = fitting.ToString(CultureInfo.InvariantCulture);
        }

        if (timeout.Setting is { } setting)
        {
            properties[BudgetProperties.TimeoutForm] = setting.Kind.ToString();
        }
        else if (timeout.IsDefault)
        {
            properties[BudgetProperties.TimeoutForm] = BudgetProperties.DefaultForm;
        }

        var additional = new List<Location>();
        if (budget.Match is { } match)
        {
            AddGracePeriodFix(properties, budget, match);
            var file = match.Workload.File;
            var grace = match.Workload.Workload.Pod.TerminationGracePeriodSeconds;
            additional.Add(file.GetLocation(grace?.Span ?? match.Workload.Workload.KindSpan));
        }

        additional.AddRange(timeout.OtherLocations);
        var location = timeout.Setting?.Location ?? inputs.App.HostBuilds[0].Location;
        return Diagnostic.Create(
            Descriptors.ShutdownTimeoutExceedsGracePeriod,
            location,
            additional,
            properties.ToImmutable(),
            budget.DescribeNeeded(),
            budget.DescribeGracePeriod());
    }

    /// <summary>What the manifest fix needs: the grace value to rewrite, or where and how to insert the key.</summary>
    private static void AddGracePeriodFix(ImmutableDictionary<string, string?>.Builder properties, ShutdownBudget budget, ContainerMatch match)
    {
        var file = match.Workload.File;
        var pod = match.Workload.Workload.Pod;
        properties[BudgetProperties.ManifestPath] = file.Path;
        properties[BudgetProperties.FittingGracePeriod] = budget.FittingGracePeriod.ToString(CultureInfo.InvariantCulture);
        if (pod.TerminationGracePeriodSeconds is { } grace)
        {
            properties[BudgetProperties.GraceValueStart] = grace.Span.Start.ToString(CultureInfo.InvariantCulture);
            properties[BudgetProperties.GraceValueLength] = grace.Span.Length.ToString(CultureInfo.InvariantCulture);
        }
        else if (pod.ChildIndent >= 0)
        {
            var keyLine = file.Text.Lines.GetLineFromPosition(pod.KeySpan.Start);
            properties[BudgetProperties.GraceInsertAt] = keyLine.EndIncludingLineBreak.ToString(CultureInfo.InvariantCulture);
            properties[BudgetProperties.GraceIndent] = new string(' ', pod.ChildIndent);
        }
    }

    private static void ReportInAppDelays(CompilationAnalysisContext context, BudgetInputs inputs)
    {
        var shortest = inputs.Timeouts.Where(timeout => timeout.Seconds is not null).OrderBy(timeout => timeout.Seconds).FirstOrDefault();
        if (shortest is null)
        {
            return;
        }

        foreach (var delay in inputs.App.InAppDelays)
        {
            if (delay.Seconds >= shortest.Seconds)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.InAppDelayTakesShutdownTimeout,
                    delay.Location,
                    BudgetTerm.FormatSeconds(delay.Seconds.Value),
                    BudgetTerm.FormatSeconds(shortest.Seconds!.Value),
                    shortest.Source));
            }
        }
    }

    private static void ReportPreStops(CompilationAnalysisContext context, ProjectContext project)
    {
        foreach (var match in project.Matches)
        {
            var workload = match.Workload.Workload;
            var grace = workload.Pod.TerminationGracePeriodSeconds is { } value ? value.AsInt() : ShutdownBudget.KubernetesDefaultGracePeriod;
            if (match.Container.PreStop is { DelaySeconds: { } delay } hook && grace is { } seconds && delay >= seconds
                && !workload.Ignores(DiagnosticIds.PreStopTakesGracePeriod))
            {
                var file = match.Workload.File;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.PreStopTakesGracePeriod,
                    file.GetLocation(hook.DelayValue?.Span ?? hook.KeySpan),
                    BudgetTerm.FormatSeconds(delay),
                    BudgetTerm.FormatSeconds(seconds),
                    workload.DisplayName));
            }
        }
    }

    /// <summary>The budgets of the project: one per matched workload, or one from the options when nothing in the
    /// manifests runs the project.</summary>
    private sealed class BudgetInputs
    {
        public BudgetInputs(ProjectContext project, AppModel app, ImmutableArray<AppSettingsFile> appSettings)
        {
            Project = project;
            App = app;
            var style = app.HostBuilds[0].Style;
            var budgets = new List<(ShutdownBudget, EffectiveShutdownTimeout)>();
            var timeouts = new List<EffectiveShutdownTimeout>();
            if (!project.Matches.IsEmpty)
            {
                // A workload is budgeted once, even when two of its containers match.
                foreach (var match in project.Matches.GroupBy(match => match.Workload).Select(group => group.First()))
                {
                    var timeout = ShutdownTimeoutResolver.Resolve(app, style, appSettings, match);
                    timeouts.Add(timeout);
                    if (timeout.Seconds is not null && ShutdownBudget.ForWorkload(timeout.ToTerm(), app, match, project.Options) is { } budget)
                    {
                        budgets.Add((budget, timeout));
                    }
                }
            }
            else if (project.Manifests.Workloads.IsEmpty)
            {
                var timeout = ShutdownTimeoutResolver.Resolve(app, style, appSettings, container: null);
                timeouts.Add(timeout);
                if (timeout.Seconds is not null && ShutdownBudget.FromOptions(timeout.ToTerm(), app, project.Options) is { } budget)
                {
                    budgets.Add((budget, timeout));
                }
            }

            Budgets = budgets;
            Timeouts = timeouts;
            FittingShutdownTimeout = Fitting(budgets.Select(item => item.Item1).ToList(), app);
        }

        public ProjectContext Project { get; }

        public AppModel App { get; }

        public IReadOnlyList<(ShutdownBudget Budget, EffectiveShutdownTimeout Timeout)> Budgets { get; }

        /// <summary>The effective ShutdownTimeout of each matched container (or of the project, without manifests).</summary>
        public IReadOnlyList<EffectiveShutdownTimeout> Timeouts { get; }

        /// <summary>The ShutdownTimeout that fits the smallest budget, if it is at least 1 s and above the in-app delay.</summary>
        public int? FittingShutdownTimeout { get; }

        private static int? Fitting(IReadOnlyList<ShutdownBudget> budgets, AppModel app)
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
}
