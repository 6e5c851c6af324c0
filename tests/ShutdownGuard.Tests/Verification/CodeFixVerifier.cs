using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace ShutdownGuard.Tests.Verification;

/// <summary>
/// Applies one fix of a rule reported in C# — to the C# source, or to a manifest the fix edits as an additional
/// document — with the standard test library, which also applies Fix All and checks the fixed project is clean.
/// </summary>
internal sealed class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    private readonly CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> _test = new();
    private References _references = Verification.References.AspNetCore80;
    private string _globalConfig = string.Empty;
    private string[]? _onlyIds;

    public CodeFixVerifier(string equivalenceKey)
    {
        _test.CodeActionEquivalenceKey = equivalenceKey;

        // Rules that need the whole program report at compilation end; their fixes are offered all the same.
        _test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        _test.TestState.OutputKind = OutputKind.ConsoleApplication;
        _test.FixedState.OutputKind = OutputKind.ConsoleApplication;
    }

    /// <summary>Looks at these rules only; the analyzer's others are switched off.</summary>
    public CodeFixVerifier<TAnalyzer, TCodeFix> Only(params string[] ids)
    {
        _onlyIds = ids;
        return this;
    }

    /// <summary>A C# source before and after the fix.</summary>
    public CodeFixVerifier<TAnalyzer, TCodeFix> Source(string before, string? after = null)
    {
        _test.TestState.Sources.Add(before);
        _test.FixedState.Sources.Add(after ?? before);
        return this;
    }

    /// <summary>A C# file the fix adds.</summary>
    public CodeFixVerifier<TAnalyzer, TCodeFix> AddedSource(string path, string text)
    {
        _test.FixedState.Sources.Add((path, text));
        return this;
    }

    /// <summary>An additional file before and after the fix.</summary>
    public CodeFixVerifier<TAnalyzer, TCodeFix> File(string path, string before, string? after = null)
    {
        _test.TestState.AdditionalFiles.Add((path, before));
        _test.FixedState.AdditionalFiles.Add((path, after ?? before));
        return this;
    }

    public CodeFixVerifier<TAnalyzer, TCodeFix> GlobalConfig(string lines)
    {
        _globalConfig = lines;
        return this;
    }

    public CodeFixVerifier<TAnalyzer, TCodeFix> References(References references)
    {
        _references = references;
        return this;
    }

    public CodeFixVerifier<TAnalyzer, TCodeFix> Expect(params DiagnosticResult[] diagnostics)
    {
        _test.ExpectedDiagnostics.AddRange(diagnostics);
        return this;
    }

    /// <summary>Diagnostics that remain after the fix (none unless given).</summary>
    public CodeFixVerifier<TAnalyzer, TCodeFix> Remaining(params DiagnosticResult[] diagnostics)
    {
        _test.FixedState.ExpectedDiagnostics.AddRange(diagnostics);
        return this;
    }

    /// <summary>For a diagnostic the fix does not offer to fix.</summary>
    public CodeFixVerifier<TAnalyzer, TCodeFix> NoFix()
    {
        _test.FixedState.MarkupHandling = MarkupMode.Allow;
        _test.FixedState.InheritanceMode = StateInheritanceMode.AutoInheritAll;
        _test.FixedState.Sources.Clear();
        _test.FixedState.AdditionalFiles.Clear();
        return this;
    }

    /// <summary>Fix All applies in this many passes (e.g. two edits at one place that a second pass removes).</summary>
    public CodeFixVerifier<TAnalyzer, TCodeFix> FixAllIterations(int count)
    {
        _test.NumberOfFixAllIterations = count;
        return this;
    }

    public async Task RunAsync()
    {
        var config = ("/.globalconfig", AnalyzerVerifier<TAnalyzer>.GlobalConfigText(_globalConfig, _onlyIds));
        _test.TestState.AnalyzerConfigFiles.Add(config);
        if (_test.FixedState.InheritanceMode is null)
        {
            _test.FixedState.AnalyzerConfigFiles.Add(config);
        }

        _test.ReferenceAssemblies = await _references.FrameworkAsync();
        var additional = await _references.AdditionalAsync();
        _test.TestState.AdditionalReferences.AddRange(additional);
        _test.FixedState.AdditionalReferences.AddRange(additional);
        await _test.RunAsync();
    }
}
