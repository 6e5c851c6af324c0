using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Instrumentation;
using ShutdownGuard.Rules;
using ShutdownGuard.Rules.Manifests;
using ShutdownGuard.Tests.Verification;
using static ShutdownGuard.Tests.Verification.Manifests;

namespace ShutdownGuard.Tests.Manifests;

public class ManifestSetTests
{
    [Fact]
    public void Files_are_sorted_by_path_whatever_order_the_build_gives()
    {
        var set = Set(("/k8s/c.yaml", Deployment("c")), ("/k8s/a.yml", Deployment("a")), ("/k8s/b.json", "{}"), ("/appsettings.json", "{}"), ("/Program.txt", "x"));

        Assert.Equal(new[] { "/k8s/a.yml", "/k8s/b.json", "/k8s/c.yaml" }, set.Files.Select(file => file.Path));
        Assert.Equal(new[] { "Deployment/a", "Deployment/c" }, set.Workloads.Select(entry => entry.Workload.DisplayName));
    }

    [Fact]
    public void Files_a_kustomization_lists_as_patches_are_not_workloads()
    {
        const string Kustomization = """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
            - ../base/deployment.yaml
            patches:
            - path: replicas.yaml
            patchesStrategicMerge:
            - ./grace.yaml
            """;
        var set = Set(
            ("/deploy/base/deployment.yaml", Deployment("orders")),
            ("/deploy/prod/kustomization.yaml", Kustomization),
            ("/deploy/prod/replicas.yaml", Deployment("orders")),
            ("/deploy/prod/grace.yaml", Deployment("orders")));

        var entry = Assert.Single(set.Workloads);
        Assert.Equal("/deploy/base/deployment.yaml", entry.File.Path);
    }

    [Fact]
    public void Locations_and_descriptions_name_the_file_and_line()
    {
        var (yaml, kind) = Markup.Parse("apiVersion: v1\nkind: {|#0:Pod|}\nmetadata: {name: orders}\nspec:\n  containers: [{name: orders}]\n");
        var entry = Assert.Single(Set(("/k8s/deployment.yaml", yaml)).Workloads);

        var location = entry.File.GetLocation(entry.Workload.KindSpan);

        Assert.Equal(kind, location.SourceSpan);
        Assert.Equal("/k8s/deployment.yaml", location.GetLineSpan().Path);
        Assert.Equal(entry.File.Text.Lines.GetLinePositionSpan(kind), location.GetLineSpan().Span);
        Assert.Equal("k8s/deployment.yaml:2", entry.File.Describe(entry.Workload.KindSpan));
    }
}

/// <summary>Counts parses, so it must not run beside other tests that read manifests.</summary>
public class ManifestCacheTests
{
    [Fact]
    public async Task A_second_compilation_over_the_same_manifest_text_does_not_parse_it_again()
    {
        var references = await References.AspNetCore80.AllAsync();
        var manifest = new InMemoryFile("/k8s/deployment.yaml", Deployment("orders") + "# " + Guid.NewGuid() + "\n");
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ManifestReadabilityAnalyzer(), new ProgramAnalyzer());

        async Task AnalyseAsync(string code)
        {
            var compilation = CSharpCompilation.Create(
                "Orders",
                new[] { CSharpSyntaxTree.ParseText(code) },
                references,
                new CSharpCompilationOptions(OutputKind.ConsoleApplication));
            var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(manifest));
            await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        }

        using var work = WorkCounters.Start();
        await AnalyseAsync(AnalyzerVerifier<ProgramAnalyzer>.WebApp);
        var afterFirst = work.AdditionalFilesRead;
        await AnalyseAsync(AnalyzerVerifier<ProgramAnalyzer>.WebApp + "\n// an edit in C#\n");

        Assert.Equal(1, afterFirst);
        Assert.Equal(afterFirst, work.AdditionalFilesRead);
    }
}
