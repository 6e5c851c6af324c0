using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using ShutdownGuard.Rules;

namespace ShutdownGuard.CodeFixes.Container;

/// <summary>
/// SG3001: rewrites the start command in exec form, or puts <c>exec</c> before the script's last command. The edit
/// comes from the analyzer and is offered only when it certainly runs the same command. Dockerfiles are named
/// <c>Dockerfile</c>, <c>Dockerfile.prod</c>, <c>api.Dockerfile</c>: no extension list covers them, so the provider is
/// exported for every additional document and the diagnostic ID selects it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ShellStartCodeFix), DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) })]
[Shared]
public sealed class ShellStartCodeFix : TextEditCodeFix
{
    public ShellStartCodeFix()
        : base(DiagnosticIds.ShellStart, "Rewrite in exec form")
    {
    }
}
