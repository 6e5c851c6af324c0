using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace ShutdownGuard.Manifests;

/// <summary>
/// The annotations that switch a rule off for one workload: ShutdownGuard's own <c>shutdown-guard.io/ignore</c>, and
/// those a team already wrote to silence the same check in kube-score, kube-linter, Polaris or Checkov (a peer's
/// blanket exemption covers the rules that peer also checks). docs/suppression.md lists the mapping.
/// </summary>
internal static class Suppressions
{
    /// <summary>ShutdownGuard's own: <c>shutdown-guard.io/ignore: "SG2003,SG2008"</c>.</summary>
    public const string IgnoreAnnotation = "shutdown-guard.io/ignore";

    // The rule IDs as DiagnosticIds has them; the manifest model does not depend on the rules.
    private const string ReadinessProbeMissing = "SG2002";
    private const string ProbesRunSameCheck = "SG2003";
    private const string ProbePathNotServed = "SG2005";
    private const string RolloutTakesReadyPods = "SG2008";

    /// <summary>kube-score test IDs in <c>kube-score/ignore</c> (a comma list).</summary>
    private static readonly ImmutableDictionary<string, ImmutableArray<string>> KubeScoreTests = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
    {
        ["pod-probes"] = ImmutableArray.Create(ReadinessProbeMissing, ProbesRunSameCheck, ProbePathNotServed),
        ["pod-probes-identical"] = ImmutableArray.Create(ProbesRunSameCheck),
        ["deployment-strategy"] = ImmutableArray.Create(RolloutTakesReadyPods),
    }.ToImmutableDictionary();

    /// <summary>Annotations whose presence alone (whatever the value, usually a reason) switches rules off.</summary>
    private static readonly ImmutableDictionary<string, ImmutableArray<string>> ByPresence = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
    {
        ["ignore-check.kube-linter.io/no-readiness-probe"] = ImmutableArray.Create(ReadinessProbeMissing),
        ["ignore-check.kube-linter.io/no-rolling-update-strategy"] = ImmutableArray.Create(RolloutTakesReadyPods),
        ["kube-linter.io/ignore-all"] = ImmutableArray.Create(ReadinessProbeMissing, RolloutTakesReadyPods),
    }.ToImmutableDictionary();

    /// <summary>Annotations that switch rules off when their value is <c>true</c>.</summary>
    private static readonly ImmutableDictionary<string, ImmutableArray<string>> WhenTrue = new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
    {
        ["polaris.fairwinds.com/readinessProbeMissing-exempt"] = ImmutableArray.Create(ReadinessProbeMissing),
        ["polaris.fairwinds.com/exempt"] = ImmutableArray.Create(ReadinessProbeMissing),
        ["kube-score/skip"] = ImmutableArray.Create(ReadinessProbeMissing, ProbesRunSameCheck, ProbePathNotServed, RolloutTakesReadyPods),
    }.ToImmutableDictionary();

    /// <summary>Checkov check IDs in <c>checkov.io/skipN: CKV_K8S_9=reason</c>.</summary>
    private static readonly ImmutableDictionary<string, ImmutableArray<string>> CheckovChecks = new Dictionary<string, ImmutableArray<string>>(StringComparer.OrdinalIgnoreCase)
    {
        ["CKV_K8S_9"] = ImmutableArray.Create(ReadinessProbeMissing),
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    private const string CheckovSkipPrefix = "checkov.io/skip";

    /// <summary>True when one of the annotations switches <paramref name="diagnosticId"/> off.</summary>
    public static bool Ignores(ImmutableDictionary<string, ManifestScalar> annotations, string diagnosticId)
    {
        foreach (var annotation in annotations)
        {
            if (IgnoredBy(annotation.Key, annotation.Value.Text).Any(id => string.Equals(id, diagnosticId, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The rule IDs one annotation switches off.</summary>
    private static IEnumerable<string> IgnoredBy(string key, string value)
    {
        if (key == IgnoreAnnotation)
        {
            return Items(value);
        }

        if (key == "kube-score/ignore")
        {
            return Items(value).SelectMany(test => KubeScoreTests.TryGetValue(test, out var ids) ? ids : ImmutableArray<string>.Empty);
        }

        if (ByPresence.TryGetValue(key, out var present))
        {
            return present;
        }

        if (WhenTrue.TryGetValue(key, out var whenTrue))
        {
            return IsTrue(value) ? whenTrue : Enumerable.Empty<string>();
        }

        if (key.StartsWith(CheckovSkipPrefix, StringComparison.Ordinal))
        {
            // The value is CHECK_ID or CHECK_ID=reason.
            var separator = value.IndexOf('=');
            var check = (separator < 0 ? value : value.Substring(0, separator)).Trim();
            return CheckovChecks.TryGetValue(check, out var ids) ? ids : Enumerable.Empty<string>();
        }

        return Enumerable.Empty<string>();
    }

    private static IEnumerable<string> Items(string list) =>
        list.Split(',').Select(item => item.Trim()).Where(item => item.Length > 0);

    /// <summary>YAML 1.1 truth as the peers read it (<c>"true"</c>, <c>"yes"</c>, <c>"on"</c>, any case).</summary>
    private static bool IsTrue(string value) =>
        value.Trim().ToLowerInvariant() is "true" or "yes" or "on";
}
