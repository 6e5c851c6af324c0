using ShutdownGuard.Manifests;

namespace ShutdownGuard.Tests.Manifests;

public class SuppressionsTests
{
    /// <summary>The workload of a Deployment annotated on itself or on its pod template, read by the real reader.</summary>
    private static Workload Annotated(string key, string value, bool onPodTemplate)
    {
        var template = onPodTemplate
            ? $"  template:\n    metadata:\n      annotations:\n        {key}: {value}\n"
            : "  template:\n";
        var workloadAnnotations = onPodTemplate ? string.Empty : $"  annotations:\n    {key}: {value}\n";
        var text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n" + workloadAnnotations + "spec:\n" + template
            + "    spec:\n      containers:\n      - name: orders-api\n        image: orders-api:1.0\n";
        return Assert.Single(Verification.Manifests.Set(("/k8s/deployment.yaml", text)).Workloads).Workload;
    }

    [Theory]
    [InlineData("shutdown-guard.io/ignore", "\"SG2003, sg2008\"", "SG2003,SG2008")]
    [InlineData("kube-score/ignore", "container-resources, pod-probes", "SG2002,SG2003,SG2005")]
    [InlineData("kube-score/ignore", "pod-probes-identical", "SG2003")]
    [InlineData("kube-score/ignore", "deployment-strategy", "SG2008")]
    [InlineData("kube-score/skip", "\"true\"", "SG2002,SG2003,SG2005,SG2008")]
    [InlineData("kube-score/skip", "\"Yes\"", "SG2002,SG2003,SG2005,SG2008")]
    [InlineData("ignore-check.kube-linter.io/no-readiness-probe", "\"probed by the mesh\"", "SG2002")]
    [InlineData("ignore-check.kube-linter.io/no-rolling-update-strategy", "\"\"", "SG2008")]
    [InlineData("kube-linter.io/ignore-all", "\"vendored\"", "SG2002,SG2008")]
    [InlineData("polaris.fairwinds.com/readinessProbeMissing-exempt", "\"true\"", "SG2002")]
    [InlineData("polaris.fairwinds.com/exempt", "\"true\"", "SG2002")]
    [InlineData("checkov.io/skip1", "CKV_K8S_9=probed by the mesh", "SG2002")]
    [InlineData("checkov.io/skip3", "ckv_k8s_9", "SG2002")]
    public void Each_annotation_switches_off_its_rules_on_the_workload_and_on_the_pod_template(string key, string value, string ids)
    {
        foreach (var onPodTemplate in new[] { false, true })
        {
            var workload = Annotated(key, value, onPodTemplate);
            var ignored = new[] { "SG2002", "SG2003", "SG2004", "SG2005", "SG2006", "SG2007", "SG2008" }.Where(workload.Ignores);
            Assert.Equal(ids, string.Join(",", ignored));
        }
    }

    [Theory]
    [InlineData("kube-score/ignore", "pod-networkpolicy,container-resources")]
    [InlineData("kube-score/skip", "\"false\"")]
    [InlineData("kube-score/skip", "\"maybe\"")]
    [InlineData("ignore-check.kube-linter.io/no-liveness-probe", "\"restarts are fine\"")]
    [InlineData("polaris.fairwinds.com/livenessProbeMissing-exempt", "\"true\"")]
    [InlineData("polaris.fairwinds.com/readinessProbeMissing-exempt", "\"false\"")]
    [InlineData("checkov.io/skip1", "CKV_K8S_8=no liveness")]
    [InlineData("checkov.io/skip1", "\"\"")]
    [InlineData("shutdown-guard.io/ignore", "\",,\"")]
    [InlineData("shutdown-guard.io/ignore", "\"SG20031\"")]
    [InlineData("example.com/kube-score/ignore", "pod-probes")]
    public void Other_checks_and_unknown_values_switch_nothing_off(string key, string value)
    {
        var workload = Annotated(key, value, onPodTemplate: false);

        Assert.DoesNotContain(new[] { "SG2002", "SG2003", "SG2005", "SG2008" }, workload.Ignores);
    }
}
