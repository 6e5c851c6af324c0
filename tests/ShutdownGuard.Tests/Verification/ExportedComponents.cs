using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.CodeFixes.Container;
using ShutdownGuard.Rules;

namespace ShutdownGuard.Tests.Verification;

/// <summary>
/// Every analyzer and code fix the two assemblies export, found the way a host finds them (by their attributes), so
/// that a rule added later is covered without being listed here.
/// </summary>
internal static class ExportedComponents
{
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers() =>
        Exported<DiagnosticAnalyzer, DiagnosticAnalyzerAttribute>(typeof(ProgramAnalyzer).Assembly);

    public static ImmutableArray<CodeFixProvider> CodeFixes() =>
        Exported<CodeFixProvider, ExportCodeFixProviderAttribute>(typeof(ShellStartCodeFix).Assembly);

    private static ImmutableArray<T> Exported<T, TAttribute>(Assembly assembly)
        where TAttribute : Attribute => assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(T).IsAssignableFrom(type) && type.GetCustomAttribute<TAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (T)Activator.CreateInstance(type)!)
            .ToImmutableArray();
}
