using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ShutdownGuard.Analysis;

namespace ShutdownGuard.Rules;

/// <summary>A rule that needs the whole program: it reports at compilation end from the shared <see cref="ProgramFacts"/>.</summary>
internal interface IProgramRule
{
    ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    void Analyze(ProgramFacts facts, Action<Diagnostic> report);
}
