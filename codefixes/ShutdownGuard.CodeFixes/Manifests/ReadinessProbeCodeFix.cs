using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Manifests;

/// <summary>SG2002: inserts a readinessProbe at the app's readiness endpoint, as the analyzer computed it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReadinessProbeCodeFix), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml", ".yml" })]
[Shared]
public sealed class ReadinessProbeCodeFix : TextEditCodeFix
{
    public ReadinessProbeCodeFix()
        : base(DiagnosticIds.ReadinessProbe, "Insert a readinessProbe")
    {
    }
}
