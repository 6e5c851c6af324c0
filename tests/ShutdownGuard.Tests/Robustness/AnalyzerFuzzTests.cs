using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Manifests;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Robustness;

/// <summary>
/// Damaged projects through every exported analyzer and every exported code fix: no exception, ever, and no fix that
/// turns a readable manifest into an unreadable one. Seeded and bounded by count, so a failure replays exactly.
/// </summary>
public class AnalyzerFuzzTests
{
    private const int Projects = 100;
    private const int ManifestsPerProject = 20;
    private const int DockerfilesPerProject = 5;
    private const int ClassFilesPerProject = 4;

    private const string Program = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(45));
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(20));
        builder.Host.ConfigureHostOptions(o => o.ShutdownTimeout = TimeSpan.FromSeconds(25));
        builder.Services.AddHealthChecks();
        builder.Services.AddControllers();
        var app = builder.Build();
        var stopping = false;
        app.Lifetime.ApplicationStopping.Register(() => { stopping = true; Thread.Sleep(5000); });
        app.MapGet("/ready", () => stopping ? Results.StatusCode(503) : Results.Ok());
        app.MapHealthChecks("/live");
        var api = app.MapGroup("/api");
        api.MapGet("/orders/{id:int}", (int id) => Results.Ok(id));
        app.MapControllers();
        app.Run();
        """;

    private const string ClassFile = """
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Hosting;

        [ApiController]
        [Route("api/[controller]")]
        public sealed class StatusNController : ControllerBase
        {
            [HttpGet("health/ready")]
            public IActionResult Ready() => Ok();
        }

        public sealed class WorkerN : BackgroundService, IHostedLifecycleService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(1000, stoppingToken);
                }
            }

            public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public async Task StoppingAsync(CancellationToken cancellationToken) => await Task.Delay(System.TimeSpan.FromSeconds(3));
            public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }
        """;

    private static readonly string[] ManifestSeeds =
    {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
          annotations:
            shutdown-guard.io/ignore: "SG2008"
        spec:
          replicas: 4
          strategy:
            rollingUpdate: {maxUnavailable: 25%, maxSurge: 1}
          template:
            metadata:
              labels: {app: orders}
            spec:
              terminationGracePeriodSeconds: 20
              containers:
              - name: orders-api
                image: registry.example.com/orders-api:1.0
                args: ["--urls", "http://+:8080"]
                env:
                - name: DOTNET_SHUTDOWNTIMEOUTSECONDS
                  value: "40"
                readinessProbe:
                  httpGet: {path: /ready, port: 8080}
                livenessProbe:
                  httpGet:
                    path: /live
                    port: 8080
                lifecycle:
                  preStop:
                    exec:
                      command: ["sh", "-c", "sleep 10"]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: orders}
        spec:
          selector: {app: orders}
        """,
        """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "orders"},
           "spec": {"terminationGracePeriodSeconds": 10, "containers": [
             {"name": "orders-api", "image": "orders-api:2", "lifecycle": {"preStop": {"sleep": {"seconds": 15}}}}]}}]}
        """,
        """
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: orders
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                  - &c
                    name: orders-api
                    image: "{{ .Values.image }}"
                  initContainers: [*c]
        """,
    };

    private static readonly string[] DockerfileSeeds =
    {
        """
        # syntax=docker/dockerfile:1
        FROM mcr.microsoft.com/dotnet/sdk:8.0 AS build
        RUN dotnet publish -c Release \
            -o /out
        FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled
        COPY --from=build /out /app
        ENTRYPOINT dotnet /app/OrdersApi.dll --urls http://+:8080
        """,
        """
        FROM mcr.microsoft.com/dotnet/aspnet:8.0
        SHELL ["/bin/bash", "-c"]
        ENTRYPOINT ["tini", "--"]
        CMD ["sh", "-c", "dotnet OrdersApi.dll"]
        """,
    };

    [Fact]
    public async Task Damaged_projects_never_make_an_analyzer_or_a_fix_throw()
    {
        var mutator = new Mutator(seed: 20_240_601);
        var fixes = ExportedComponents.CodeFixes();
        var offered = 0;
        for (var round = 0; round < Projects; round++)
        {
            var project = await WorkspaceProject.CreateAsync(Sources(mutator), AdditionalFiles(mutator), "is_global = true\nbuild_property.MSBuildProjectName = OrdersApi\n");
            var analysis = (await FullAnalysis.RunAsync(project)).AssertNoException();
            foreach (var diagnostic in analysis.Diagnostics)
            {
                foreach (var fix in fixes.Where(fix => fix.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    foreach (var action in await ActionsAsync(fix, project, diagnostic))
                    {
                        offered++;
                        await CheckFixedManifestsAsync(project, action, round);
                    }
                }
            }
        }

        // The damage must leave enough intact for fixes to be offered, or the fixes were never tried.
        Assert.True(offered > Projects, $"only {offered} fixes were offered");
    }

    private static IEnumerable<(string Path, SourceText Text)> Sources(Mutator mutator)
    {
        yield return ("/Program.cs", mutator.Mutate(Program));
        for (var i = 0; i < ClassFilesPerProject; i++)
        {
            yield return ($"/Status{i}.cs", mutator.Mutate(ClassFile.Replace("N", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        }
    }

    private static IEnumerable<(string Path, SourceText Text)> AdditionalFiles(Mutator mutator)
    {
        for (var i = 0; i < ManifestsPerProject; i++)
        {
            var seed = mutator.Next(ManifestSeeds.Length);
            var path = i == 0 ? "/k8s/kustomization.yaml" : $"/k8s/m{i}.{(seed == 1 ? "json" : "yaml")}";
            // Mostly damaged, sometimes intact: intact manifests give the fixes something to rewrite.
            yield return (path, mutator.Next(4) == 0 ? SourceText.From(ManifestSeeds[seed]) : mutator.Mutate(ManifestSeeds[seed]));
        }

        for (var i = 0; i < DockerfilesPerProject; i++)
        {
            var seed = DockerfileSeeds[mutator.Next(DockerfileSeeds.Length)];
            yield return (i == 0 ? "/Dockerfile" : $"/Dockerfile.{i}", mutator.Next(4) == 0 ? SourceText.From(seed) : mutator.Mutate(seed));
        }

        yield return ("/appsettings.json", mutator.Mutate("{\"shutdownTimeoutSeconds\": 40, \"Logging\": {\"LogLevel\": {\"Default\": \"Information\"}}}"));
    }

    private static async Task<List<CodeAction>> ActionsAsync(CodeFixProvider fix, Project project, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        void Register(CodeAction action, ImmutableArray<Diagnostic> _) => actions.Add(action);
        if (diagnostic.Location.SourceTree is { } tree)
        {
            await fix.RegisterCodeFixesAsync(new CodeFixContext(project.GetDocument(tree)!, diagnostic, Register, CancellationToken.None));
        }
        else if (project.AdditionalDocuments.FirstOrDefault(document => document.FilePath == diagnostic.Location.GetLineSpan().Path) is { } document)
        {
            await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, Register, CancellationToken.None));
        }

        return actions;
    }

    /// <summary>Every manifest the fix changes was readable before and must be readable after.</summary>
    private static async Task CheckFixedManifestsAsync(Project project, CodeAction action, int round)
    {
        foreach (var operation in (await action.GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>())
        {
            var changed = operation.ChangedSolution.GetProject(project.Id)!;
            foreach (var document in changed.AdditionalDocuments.Where(document => ManifestSet.IsManifestPath(document.FilePath!)))
            {
                var before = await project.GetAdditionalDocument(document.Id)!.GetTextAsync();
                var after = await document.GetTextAsync();
                if (before.ContentEquals(after))
                {
                    continue;
                }

                var kustomization = ManifestReader.IsKustomizationFileName(document.FilePath!);
                Assert.NotEqual(ManifestProblemKind.Unreadable, ManifestReader.Read(before, kustomization, CancellationToken.None).Problem?.Kind);
                var problem = ManifestReader.Read(after, kustomization, CancellationToken.None).Problem;
                Assert.True(problem?.Kind != ManifestProblemKind.Unreadable, $"round {round}: '{action.Title}' made {document.FilePath} unreadable: {problem?.Message}\n{after}");
            }
        }
    }
}
