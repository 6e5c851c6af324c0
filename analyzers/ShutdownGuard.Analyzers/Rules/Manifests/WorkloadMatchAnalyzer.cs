using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using ShutdownGuard.Analysis;
using ShutdownGuard.Manifests;

namespace ShutdownGuard.Rules.Manifests;

/// <summary>SG2010: the project builds a host, the manifests hold workloads, and none of them runs this project.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkloadMatchAnalyzer : DiagnosticAnalyzer
{
    private const int ListedWorkloads = 5;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.NoMatchingWorkload);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var project = ProjectContext.TryCreate(context);
        if (project is null || !project.CanRunInPod || project.Manifests.Workloads.IsEmpty || !project.Matches.IsEmpty)
        {
            return;
        }

        var buildsHost = 0;
        context.RegisterOperationAction(
            operation =>
            {
                if (project.Hosting.IsHostBuild((IInvocationOperation)operation.Operation))
                {
                    Interlocked.Exchange(ref buildsHost, 1);
                }
            },
            OperationKind.Invocation);
        context.RegisterCompilationEndAction(end =>
        {
            if (Volatile.Read(ref buildsHost) == 1)
            {
                end.ReportDiagnostic(Create(project));
            }
        });
    }

    private static Diagnostic Create(ProjectContext project)
    {
        var first = project.Manifests.Workloads[0];
        var workloads = project.Manifests.Workloads;
        var listed = string.Join(", ", workloads.Take(ListedWorkloads).Select(entry => Describe(entry.Workload)));
        var found = project.Options.Workload is { } selector
            ? $"ShutdownGuardWorkload '{selector}' names none of: {listed}"
            : $"found {listed}";
        if (workloads.Length > ListedWorkloads)
        {
            found += $" and {workloads.Length - ListedWorkloads} more";
        }

        return Diagnostic.Create(Descriptors.NoMatchingWorkload, first.File.GetLocation(first.Workload.KindSpan), project.Project.DisplayName, found);
    }

    private static string Describe(Workload workload)
    {
        var containers = string.Join("/", workload.Pod.Containers.Select(container => container.Name?.Text ?? "?"));
        return $"{workload.DisplayName} (container {containers})";
    }
}
