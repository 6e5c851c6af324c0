using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using ShutdownGuard.Tests.Verification;
using Verifier = ShutdownGuard.Tests.Verification.AnalyzerVerifier<ShutdownGuard.Rules.Manifests.ManifestReadabilityAnalyzer>;

namespace ShutdownGuard.Tests.Rules;

public class ManifestReadabilityAnalyzerTests
{
    private const string TabIndented = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n{|#0:|}\tname: orders\n";

    [Fact]
    public async Task SG2001_stands_in_the_manifest_where_reading_stopped()
    {
        await new Verifier()
            .Source(Verifier.WebApp)
            .File("/k8s/deployment.yaml", TabIndented)
            .Expect(Expect.Diagnostic("SG2001", DiagnosticSeverity.Warning).WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task SG2001_reports_a_duplicate_key_once_and_nothing_else_from_that_file()
    {
        const string Duplicate = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n  {|#0:name|}: b\n";
        await new Verifier()
            .Source(Verifier.WebApp)
            .File("/k8s/deployment.yaml", Duplicate)
            .Expect(Expect.Diagnostic("SG2001", DiagnosticSeverity.Warning).WithLocation(0))
            .RunAsync();
    }

    [Fact]
    public async Task SG2009_stands_at_the_first_template_expression_and_replaces_SG2001()
    {
        const string Template = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {|#0:|}{{ .Release.Name }}\n{{- if .Values.x }}\n  bad: [\n{{- end }}\n";
        await new Verifier()
            .Source(Verifier.WebApp)
            .File("/charts/orders/templates/deployment.yaml", Template)
            .Expect(Expect.Diagnostic("SG2009", DiagnosticSeverity.Info).WithLocation(0, DiagnosticLocationOptions.IgnoreLength))
            .RunAsync();
    }

    [Theory]
    [InlineData("/docker-compose.yaml", "services:\n  web:\n\timage: x\n")]
    [InlineData("/.github/workflows/ci.yml", "on: push\njobs:\n  build:\n    steps:\n    - run: echo ${{ secrets.TOKEN }}\n")]
    [InlineData("/openapi.json", "{ \"openapi\": \"3.0.0\", ")]
    [InlineData("/k8s/empty.yaml", "")]
    [InlineData("/k8s/garbage.yaml", "\u0001\u0002PK\u0003\u0004\uFFFD\uFFFD{[\"")]
    [InlineData("/k8s/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n")]
    [InlineData("/appsettings.json", "{ \"apiVersion\": 1, \"kind\": ")]
    public async Task Files_that_are_readable_or_not_Kubernetes_are_silent(string path, string text)
    {
        await new Verifier().Source(Verifier.WebApp).File(path, text).RunAsync();
    }

    [Fact]
    public async Task Projects_without_hosting_are_not_analysed()
    {
        await new Verifier()
            .References(References.Plain)
            .Library()
            .Source("public class Library { }")
            .File("/k8s/deployment.yaml", TabIndented)
            .RunAsync();
    }
}
