using System;
using System.Collections.Generic;
using System.Linq;
using ShutdownGuard.Hosting;
using ShutdownGuard.Manifests;
using ShutdownGuard.Options;
using ShutdownGuard.Text;

namespace ShutdownGuard.Budget;

/// <summary>
/// The shutdown budget of one workload: <c>P + Dout + S + M &lt;= G</c> and <c>Din &lt; S</c>, all in seconds, with
/// where each number came from.
/// </summary>
internal sealed class ShutdownBudget
{
    private ShutdownBudget(
        BudgetTerm shutdownTimeout,
        BudgetTerm preStop,
        BudgetTerm outsideDelay,
        BudgetTerm inAppDelay,
        BudgetTerm margin,
        BudgetTerm gracePeriod,
        string workload,
        ContainerMatch? match)
    {
        ShutdownTimeout = shutdownTimeout;
        PreStop = preStop;
        OutsideDelay = outsideDelay;
        InAppDelay = inAppDelay;
        Margin = margin;
        GracePeriod = gracePeriod;
        Workload = workload;
        Match = match;
    }

    /// <summary><c>S</c>.</summary>
    public BudgetTerm ShutdownTimeout { get; }

    /// <summary><c>P</c>: 0 without a preStop delay, or when its length is unknown (the budget is then a lower bound).</summary>
    public BudgetTerm PreStop { get; }

    /// <summary><c>Dout</c>: a custom <c>IHostLifetime</c>'s delay before it stops the app.</summary>
    public BudgetTerm OutsideDelay { get; }

    /// <summary><c>Din</c>: the largest delay that runs inside ShutdownTimeout.</summary>
    public BudgetTerm InAppDelay { get; }

    /// <summary><c>M</c>.</summary>
    public BudgetTerm Margin { get; }

    /// <summary><c>G</c>.</summary>
    public BudgetTerm GracePeriod { get; }

    /// <summary>The workload as messages name it, e.g. <c>Deployment/orders (k8s/deployment.yaml:14)</c>: the line of
    /// its grace period, or of its kind when the default applies.</summary>
    public string Workload { get; }

    /// <summary>The container whose manifest gives <c>G</c> and <c>P</c>; null when the options give them.</summary>
    public ContainerMatch? Match { get; }

    /// <summary><c>P + Dout + S + M</c>.</summary>
    public double Needed => PreStop.Seconds + OutsideDelay.Seconds + ShutdownTimeout.Seconds + Margin.Seconds;

    public bool Exceeds => Needed > GracePeriod.Seconds;

    /// <summary>The largest ShutdownTimeout that fits: <c>G - P - Dout - M</c>, whole seconds.</summary>
    public int FittingShutdownTimeout => (int)Math.Floor(GracePeriod.Seconds - PreStop.Seconds - OutsideDelay.Seconds - Margin.Seconds);

    /// <summary>The smallest grace period that fits: <c>P + Dout + S + M</c>, whole seconds.</summary>
    public int FittingGracePeriod => (int)Math.Ceiling(Needed);

    /// <summary>"ShutdownTimeout 30 s (…) + preStop 5 s (…) + margin 5 s".</summary>
    public string DescribeNeeded()
    {
        var terms = new List<BudgetTerm> { ShutdownTimeout };
        terms.AddRange(new[] { PreStop, OutsideDelay }.Where(term => term.Seconds > 0));
        terms.Add(Margin);
        return string.Join(" + ", terms);
    }

    /// <summary>"terminationGracePeriodSeconds 30 s of Deployment/orders (k8s/deployment.yaml:14)", or
    /// "terminationGracePeriodSeconds 30 s (default) of Deployment/orders (k8s/deployment.yaml:2)".</summary>
    public string DescribeGracePeriod() => GracePeriod.Name + " " + BudgetTerm.FormatSeconds(GracePeriod.Seconds)
        + (GracePeriod.Source.Length == 0 ? string.Empty : " (" + GracePeriod.Source + ")") + " of " + Workload;

    /// <summary>The budget of one matched workload; null when its grace period is unknown (a template, a quoted number).</summary>
    public static ShutdownBudget? ForWorkload(BudgetTerm shutdownTimeout, AppModel app, ContainerMatch match, ShutdownGuardOptions options)
    {
        var file = match.Workload.File;
        var workload = match.Workload.Workload;
        var grace = workload.Pod.TerminationGracePeriodSeconds;
        BudgetTerm gracePeriod;
        if (grace is null)
        {
            gracePeriod = new BudgetTerm("terminationGracePeriodSeconds", KubernetesDefaultGracePeriod, "default");
        }
        else if (grace.AsInt() is { } seconds)
        {
            gracePeriod = new BudgetTerm("terminationGracePeriodSeconds", seconds, string.Empty);
        }
        else
        {
            return null;
        }

        var preStop = match.Container.PreStop is { DelaySeconds: { } delay } hook
            ? new BudgetTerm("preStop", delay, file.Describe(hook.DelayValue?.Span ?? hook.KeySpan))
            : None("preStop");
        var where = file.Describe(grace?.Span ?? workload.KindSpan);
        return new ShutdownBudget(shutdownTimeout, preStop, OutsideDelayOf(app), InAppDelayOf(app), MarginOf(options), gracePeriod, workload.DisplayName + " (" + where + ")", match);
    }

    /// <summary>The budget from the options, for teams whose manifests are not in the repository; null when the options give no grace period.</summary>
    public static ShutdownBudget? FromOptions(BudgetTerm shutdownTimeout, AppModel app, ShutdownGuardOptions options)
    {
        if (options.TerminationGracePeriodSeconds is not { } grace)
        {
            return null;
        }

        var preStop = options.PreStopDelaySeconds is { } delay ? new BudgetTerm("preStop", delay, "shutdown_guard.prestop_delay_seconds") : None("preStop");
        return new ShutdownBudget(
            shutdownTimeout,
            preStop,
            OutsideDelayOf(app),
            InAppDelayOf(app),
            MarginOf(options),
            new BudgetTerm("terminationGracePeriodSeconds", grace, string.Empty),
            "the pod (shutdown_guard.termination_grace_period_seconds)",
            match: null);
    }

    /// <summary>Kubernetes' default <c>terminationGracePeriodSeconds</c>.</summary>
    public const int KubernetesDefaultGracePeriod = 30;

    /// <summary>The largest known delay of a kind, with its place; unknown lengths count as 0.</summary>
    public static Delay? Largest(IEnumerable<Delay> delays) =>
        delays.Where(delay => delay.Seconds is not null).OrderByDescending(delay => delay.Seconds).FirstOrDefault();

    private static BudgetTerm OutsideDelayOf(AppModel app) => Term("IHostLifetime delay", Largest(app.OutsideDelays));

    private static BudgetTerm InAppDelayOf(AppModel app) => Term("in-app delay", Largest(app.InAppDelays));

    private static BudgetTerm Term(string name, Delay? delay) =>
        delay is null ? None(name) : new BudgetTerm(name, delay.Seconds!.Value, FileLine.Of(delay.Location));

    private static BudgetTerm MarginOf(ShutdownGuardOptions options) => new("margin", options.SafetyMarginSeconds, string.Empty);

    private static BudgetTerm None(string name) => new(name, 0, string.Empty);
}
