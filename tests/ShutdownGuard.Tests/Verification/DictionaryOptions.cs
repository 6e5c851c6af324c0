using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace ShutdownGuard.Tests.Verification;

/// <summary>Global options as the compiler hands them to an analyzer, from a list of pairs.</summary>
internal sealed class DictionaryOptions(params (string Key, string Value)[] pairs) : AnalyzerConfigOptions
{
    private readonly Dictionary<string, string> _values = pairs.ToDictionary(pair => pair.Key, pair => pair.Value, KeyComparer);

    public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => _values.TryGetValue(key, out value);
}

/// <summary>The same options for the project and for every file, as a <c>.globalconfig</c> gives them.</summary>
internal sealed class GlobalOptionsProvider(AnalyzerConfigOptions global) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions => global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => global;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => global;
}
