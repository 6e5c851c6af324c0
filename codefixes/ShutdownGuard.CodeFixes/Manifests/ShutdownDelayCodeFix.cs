using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Manifests;

/// <summary>SG2004: inserts a preStop sleep sized to the workload's budget, as the analyzer computed it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ShutdownDelayCodeFix), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml", ".yml" })]
[Shared]
public sealed class ShutdownDelayCodeFix : TextEditCodeFix
{
    public ShutdownDelayCodeFix()
        : base(DiagnosticIds.ShutdownDelay, "Insert a preStop sleep")
    {
    }
}
