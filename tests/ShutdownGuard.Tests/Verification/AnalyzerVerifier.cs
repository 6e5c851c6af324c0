using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ShutdownGuard.Tests.Verification;

/// <summary>
/// Runs one analyzer over a project as a user has it: an executable with C# sources, manifests and other inputs
/// as additional files, and options in a <c>.globalconfig</c>.
/// </summary>
internal sealed class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    private readonly CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> _test = new();
    private References _references = Verification.References.AspNetCore80;
    private string _globalConfig = string.Empty;
    private string[]? _onlyIds;

    public AnalyzerVerifier()
    {
        _test.TestState.OutputKind = OutputKind.ConsoleApplication;
    }

    /// <summary>What the build tells every project: its name and folder (files at <c>/k8s/…</c> are in the project).</summary>
    public const string ProjectProperties = "build_property.MSBuildProjectName = OrdersApi\nbuild_property.ProjectDir = /\n";

    /// <summary>The <c>.globalconfig</c> of a test project: its properties, the test's options, and severity
    /// <c>none</c> for every rule of the analyzer that the test does not look at.</summary>
    public static string GlobalConfigText(string lines, IEnumerable<string>? onlyIds) =>
        "is_global = true\n" + ProjectProperties + lines + (onlyIds is null
            ? string.Empty
            : string.Concat(new TAnalyzer().SupportedDiagnostics.Select(descriptor => descriptor.Id).Distinct().Except(onlyIds)
                .Select(id => $"dotnet_diagnostic.{id}.severity = none\n")));

    /// <summary>Looks at these rules only: the analyzer reports more, and the others are switched off as a user would.</summary>
    public AnalyzerVerifier<TAnalyzer> Only(params string[] ids)
    {
        _onlyIds = ids;
        return this;
    }

    public static string WebApp => """
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.Run();
        """;

    public AnalyzerVerifier<TAnalyzer> Source(string code)
    {
        _test.TestState.Sources.Add(code);
        return this;
    }

    public AnalyzerVerifier<TAnalyzer> File(string path, string text)
    {
        _test.TestState.AdditionalFiles.Add((path, text));
        return this;
    }

    /// <summary>Adds global options to the project's; write one <c>key = value</c> per line.</summary>
    public AnalyzerVerifier<TAnalyzer> GlobalConfig(string lines)
    {
        _globalConfig = lines;
        return this;
    }

    /// <summary>Code of a library the project references (a package's extension methods, say): outside the project.</summary>
    public AnalyzerVerifier<TAnalyzer> ReferencedLibrary(string code)
    {
        _test.TestState.AdditionalProjects[LibraryName].Sources.Add(code);
        _test.TestState.AdditionalProjects[LibraryName].OutputKind = OutputKind.DynamicallyLinkedLibrary;
        if (!_test.TestState.AdditionalProjectReferences.Contains(LibraryName))
        {
            _test.TestState.AdditionalProjectReferences.Add(LibraryName);
        }

        return this;
    }

    private const string LibraryName = "ReferencedLibrary";

    /// <summary>For half-typed code: compiler errors are expected and not compared.</summary>
    public AnalyzerVerifier<TAnalyzer> AllowCompilerErrors()
    {
        _test.CompilerDiagnostics = CompilerDiagnostics.None;
        return this;
    }

    public AnalyzerVerifier<TAnalyzer> Library()
    {
        _test.TestState.OutputKind = OutputKind.DynamicallyLinkedLibrary;
        return this;
    }

    public AnalyzerVerifier<TAnalyzer> References(References references)
    {
        _references = references;
        return this;
    }

    public AnalyzerVerifier<TAnalyzer> Expect(params DiagnosticResult[] diagnostics)
    {
        _test.ExpectedDiagnostics.AddRange(diagnostics);
        return this;
    }

    public async Task RunAsync()
    {
        _test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", GlobalConfigText(_globalConfig, _onlyIds)));
        _test.ReferenceAssemblies = await _references.FrameworkAsync();
        var additional = await _references.AdditionalAsync();
        _test.TestState.AdditionalReferences.AddRange(additional);
        foreach (var project in _test.TestState.AdditionalProjects.Values)
        {
            project.AdditionalReferences.AddRange(additional);
        }
        await _test.RunAsync();
    }
}

/// <summary>Shorthand for expected diagnostics.</summary>
internal static class Expect
{
    public static DiagnosticResult Diagnostic(string id, DiagnosticSeverity severity) => new(id, severity);
}
