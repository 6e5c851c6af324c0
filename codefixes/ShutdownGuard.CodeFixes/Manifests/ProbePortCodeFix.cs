using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Manifests;

/// <summary>SG2011: points the probe or the Service's targetPort at the port the app listens on, as the analyzer computed it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ProbePortCodeFix), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml", ".yml" })]
[Shared]
public sealed class ProbePortCodeFix : TextEditCodeFix
{
    public ProbePortCodeFix()
        : base(DiagnosticIds.ProbePort, "Use the port the app listens on")
    {
    }
}
