using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Manifests;

/// <summary>SG2007: replaces a preStop exec that only sleeps with the sleep lifecycle action, as the analyzer computed it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SleepActionCodeFixProvider), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml", ".yml" })]
[Shared]
public sealed class SleepActionCodeFixProvider : TextEditCodeFixProvider
{
    public SleepActionCodeFixProvider()
        : base(DiagnosticIds.PreStopNeedsShell, "Use the sleep lifecycle action")
    {
    }
}
