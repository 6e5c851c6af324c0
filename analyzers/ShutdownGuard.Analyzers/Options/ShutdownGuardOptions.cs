using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShutdownGuard.Options;

/// <summary>
/// Every project-wide option, read once per compilation from the global options: a <c>.globalconfig</c> key
/// (<c>shutdown_guard.*</c>) wins over the MSBuild property made visible with <c>CompilerVisibleProperty</c>.
/// </summary>
internal sealed class ShutdownGuardOptions
{
    public const int DefaultSafetyMarginSeconds = 5;

    public static readonly ImmutableArray<string> DefaultReadinessPaths =
        ImmutableArray.Create("/ready", "/readyz", "/readiness", "/health/ready", "/healthz/ready");

    public static readonly ImmutableArray<string> DefaultLivenessPaths =
        ImmutableArray.Create("/live", "/livez", "/alive", "/liveness", "/health/live", "/healthz/live");

    /// <summary>The preStop <c>sleep</c> action is on by default from this Kubernetes version.</summary>
    public static readonly Version SleepActionVersion = new(1, 30);

    internal static readonly OptionKey SafetyMargin = new("shutdown_guard.safety_margin_seconds", "ShutdownGuardSafetyMarginSeconds");
    internal static readonly OptionKey ReadinessPathsKey = new("shutdown_guard.readiness_paths", "ShutdownGuardReadinessPaths");
    internal static readonly OptionKey LivenessPathsKey = new("shutdown_guard.liveness_paths", "ShutdownGuardLivenessPaths");
    internal static readonly OptionKey GracePeriod = new("shutdown_guard.termination_grace_period_seconds", "ShutdownGuardTerminationGracePeriodSeconds");
    internal static readonly OptionKey PreStopDelay = new("shutdown_guard.prestop_delay_seconds", "ShutdownGuardPreStopDelaySeconds");
    internal static readonly OptionKey KubernetesVersionKey = new("shutdown_guard.kubernetes_version", "ShutdownGuardKubernetesVersion");
    internal static readonly OptionKey WorkloadKey = new("shutdown_guard.workload", "ShutdownGuardWorkload");

    /// <summary>Picks the severities the package's targets apply; MSBuild reads it, so it has no <c>.globalconfig</c> key.</summary>
    internal static readonly OptionKey ModeKey = new(configKey: null, "ShutdownGuardMode");

    /// <summary>The values of <c>ShutdownGuardMode</c>; the targets add <c>build/config/{mode}.globalconfig</c> for all but the default.</summary>
    public static readonly ImmutableArray<string> Modes = ImmutableArray.Create("default", "strict", "none");

    private ShutdownGuardOptions(
        int safetyMarginSeconds,
        ImmutableArray<string> readinessPaths,
        ImmutableArray<string> livenessPaths,
        int? terminationGracePeriodSeconds,
        int? preStopDelaySeconds,
        Version? kubernetesVersion,
        WorkloadSelector? workload,
        ImmutableArray<OptionProblem> problems)
    {
        SafetyMarginSeconds = safetyMarginSeconds;
        ReadinessPaths = readinessPaths;
        LivenessPaths = livenessPaths;
        TerminationGracePeriodSeconds = terminationGracePeriodSeconds;
        PreStopDelaySeconds = preStopDelaySeconds;
        KubernetesVersion = kubernetesVersion;
        Workload = workload;
        Problems = problems;
    }

    public int SafetyMarginSeconds { get; }

    public ImmutableArray<string> ReadinessPaths { get; }

    public ImmutableArray<string> LivenessPaths { get; }

    /// <summary>For teams whose manifests are not in the repository; null when not set.</summary>
    public int? TerminationGracePeriodSeconds { get; }

    /// <summary>For teams whose manifests are not in the repository; null when not set.</summary>
    public int? PreStopDelaySeconds { get; }

    /// <summary>The cluster's version; null when not set (then the newest behaviour is assumed).</summary>
    public Version? KubernetesVersion { get; }

    /// <summary>True when fixes may write the preStop <c>sleep</c> action.</summary>
    public bool SleepActionAvailable => KubernetesVersion is null || KubernetesVersion >= SleepActionVersion;

    /// <summary>The explicit workload (<c>ShutdownGuardWorkload</c>); null when matching goes by name.</summary>
    public WorkloadSelector? Workload { get; }

    /// <summary>Values that could not be used (SG0001); their defaults apply.</summary>
    public ImmutableArray<OptionProblem> Problems { get; }

    public static ShutdownGuardOptions Read(AnalyzerConfigOptions globalOptions)
    {
        var problems = ImmutableArray.CreateBuilder<OptionProblem>();
        var reader = new Reader(globalOptions, problems);

        var safetyMargin = reader.Integer(SafetyMargin, minimum: 0, "the default " + DefaultSafetyMarginSeconds) ?? DefaultSafetyMarginSeconds;
        var readiness = reader.Paths(ReadinessPathsKey, DefaultReadinessPaths);
        var liveness = reader.Paths(LivenessPathsKey, DefaultLivenessPaths);
        var gracePeriod = reader.Integer(GracePeriod, minimum: 1, "no grace period (the manifests decide)");
        var preStop = reader.Integer(PreStopDelay, minimum: 0, "no preStop delay (the manifests decide)");
        var kubernetesVersion = reader.KubernetesVersion(KubernetesVersionKey);
        var workload = reader.Workload(WorkloadKey);
        reader.Mode(ModeKey);

        return new ShutdownGuardOptions(safetyMargin, readiness, liveness, gracePeriod, preStop, kubernetesVersion, workload, problems.ToImmutable());
    }

    /// <summary>An option's two spellings.</summary>
    internal sealed class OptionKey
    {
        public OptionKey(string? configKey, string msbuildProperty)
        {
            ConfigKey = configKey;
            MSBuildProperty = msbuildProperty;
        }

        /// <summary>Null for an option that only MSBuild reads.</summary>
        public string? ConfigKey { get; }

        public string MSBuildProperty { get; }
    }

    private readonly struct Reader
    {
        private readonly AnalyzerConfigOptions _options;
        private readonly ImmutableArray<OptionProblem>.Builder _problems;

        public Reader(AnalyzerConfigOptions options, ImmutableArray<OptionProblem>.Builder problems)
        {
            _options = options;
            _problems = problems;
        }

        public int? Integer(OptionKey key, int minimum, string fallback)
        {
            if (!TryGet(key, out var name, out var value))
            {
                return null;
            }

            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= minimum)
            {
                return number;
            }

            _problems.Add(new OptionProblem(name, value, "expected a whole number of seconds, at least " + minimum.ToString(CultureInfo.InvariantCulture), fallback));
            return null;
        }

        public ImmutableArray<string> Paths(OptionKey key, ImmutableArray<string> defaults)
        {
            if (!TryGet(key, out var name, out var value))
            {
                return defaults;
            }

            var paths = ImmutableArray.CreateBuilder<string>();
            foreach (var item in value.Split(','))
            {
                var path = item.Trim();
                if (path.Length == 0)
                {
                    continue;
                }

                if (path[0] != '/' || path.IndexOfAny(new[] { ' ', '?', '#' }) >= 0)
                {
                    _problems.Add(new OptionProblem(name, value, "'" + path + "' is not an absolute URL path such as /ready", "the default " + string.Join(",", defaults)));
                    return defaults;
                }

                paths.Add(path);
            }

            if (paths.Count == 0)
            {
                _problems.Add(new OptionProblem(name, value, "expected a comma-separated list of paths", "the default " + string.Join(",", defaults)));
                return defaults;
            }

            return paths.ToImmutable();
        }

        public Version? KubernetesVersion(OptionKey key)
        {
            if (!TryGet(key, out var name, out var value))
            {
                return null;
            }

            var text = value.StartsWith("v", StringComparison.OrdinalIgnoreCase) ? value.Substring(1) : value;
            var parts = text.Split('.');
            if (parts.Length >= 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
            {
                return new Version(major, minor);
            }

            _problems.Add(new OptionProblem(name, value, "expected a Kubernetes version such as 1.29", "the newest Kubernetes behaviour"));
            return null;
        }

        public WorkloadSelector? Workload(OptionKey key)
        {
            if (!TryGet(key, out var name, out var value))
            {
                return null;
            }

            if (WorkloadSelector.TryParse(value, out var selector))
            {
                return selector;
            }

            _problems.Add(new OptionProblem(name, value, "expected kind/name or kind/name/container, e.g. Deployment/orders", "matching by project name"));
            return null;
        }

        /// <summary>Only checks the value: MSBuild, not the analyzer, applies the mode (and compares ignoring case, as MSBuild does).</summary>
        public void Mode(OptionKey key)
        {
            if (TryGet(key, out var name, out var value) && Modes.IndexOf(value, 0, StringComparer.OrdinalIgnoreCase) < 0)
            {
                _problems.Add(new OptionProblem(name, value, "expected " + string.Join(", ", Modes), "the default mode"));
            }
        }

        /// <summary>The configured value and the name it was found under; empty MSBuild properties count as unset.</summary>
        private bool TryGet(OptionKey key, out string name, out string value)
        {
            if (key.ConfigKey is not null && _options.TryGetValue(key.ConfigKey, out var configValue) && !string.IsNullOrWhiteSpace(configValue))
            {
                name = key.ConfigKey;
                value = configValue.Trim();
                return true;
            }

            if (BuildProperty.Read(_options, key.MSBuildProperty) is { } propertyValue)
            {
                name = key.MSBuildProperty;
                value = propertyValue;
                return true;
            }

            name = value = string.Empty;
            return false;
        }
    }
}
