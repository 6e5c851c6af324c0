using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Manifests;

/// <summary>SG2007: replaces a preStop exec that only sleeps with the sleep lifecycle action, as the analyzer computed it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PreStopShellCodeFix), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml", ".yml" })]
[Shared]
public sealed class PreStopShellCodeFix : TextEditCodeFix
{
    public PreStopShellCodeFix()
        : base(DiagnosticIds.PreStopShell, "Use the sleep lifecycle action")
    {
    }
}
