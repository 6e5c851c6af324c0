using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.CodeFixes.Budget;
using ShutdownGuard.Rules;

namespace ShutdownGuard.Tests.Docs;

/// <summary>
/// Every rule as the shipped assemblies declare it: the descriptors of all analyzers and the IDs that some code fix
/// fixes. Found by reflection, so a new rule is covered without touching the tests.
/// </summary>
internal static class RuleCatalog
{
    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = Instances<DiagnosticAnalyzer, DiagnosticAnalyzerAttribute>(typeof(ProgramAnalyzer).Assembly)
        .SelectMany(analyzer => analyzer.SupportedDiagnostics)
        .GroupBy(descriptor => descriptor.Id)
        .Select(group => group.First())
        .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableHashSet<string> FixableIds { get; } = Instances<CodeFixProvider, ExportCodeFixProviderAttribute>(typeof(ShutdownBudgetCodeFix).Assembly)
        .SelectMany(provider => provider.FixableDiagnosticIds)
        .ToImmutableHashSet();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in Descriptors)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    public static DiagnosticDescriptor Get(string id) => Descriptors.Single(descriptor => descriptor.Id == id);

    /// <summary>Reported at compilation end: the rule needs the whole program, so it shows after a build or with
    /// full-solution analysis, not while typing.</summary>
    public static bool NeedsWholeProgram(DiagnosticDescriptor descriptor) => descriptor.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>Where a rule's diagnostics stand; the ID says it.</summary>
    public static string Located(string id) => id[2] switch
    {
        '0' => "project",
        '1' => "C#",
        '2' => "YAML",
        '3' => "Dockerfile",
        _ => throw new InvalidOperationException($"{id} is in no ID range of DiagnosticIds"),
    };

    /// <summary>What a host loads: the exported types of an assembly.</summary>
    private static IEnumerable<T> Instances<T, TExport>(Assembly assembly)
        where TExport : Attribute => assembly.GetTypes()
        .Where(type => typeof(T).IsAssignableFrom(type) && type.GetCustomAttribute<TExport>() is not null)
        .Select(type => (T)Activator.CreateInstance(type)!);
}
