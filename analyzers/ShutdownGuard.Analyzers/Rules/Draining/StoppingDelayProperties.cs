using System;
using System.Collections.Immutable;
using System.Globalization;
using ShutdownGuard.Analysis;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Rules.Draining;

/// <summary>
/// What the fixes of a misplaced delay (SG1004, SG1005) need: the draining scaffolding's properties
/// (<see cref="ShutdownReactionProperties"/>) sized for the delay they move, and whether the project lacks a working
/// delay — only then do they add the scaffolding. The diagnostic's first additional location is the host's <c>Build()</c>.
/// </summary>
internal static class StoppingDelayProperties
{
    /// <summary>The whole seconds of the moved delay (the default drain delay when its length is unknown).</summary>
    public const string DrainDelay = "DrainDelay";

    /// <summary>Present when nothing else delays shutdown: the fix adds the scaffolding rather than only moving the delay.</summary>
    public const string AddScaffolding = "AddScaffolding";

    public static ImmutableDictionary<string, string?> For(ProgramFacts facts, Delay delay)
    {
        var seconds = delay.Seconds is { } known and >= 1 and < 3600 ? (int)Math.Ceiling(known) : ShutdownReactionProperties.DrainDelaySeconds;
        var properties = ShutdownReactionProperties.For(facts, seconds).SetItem(DrainDelay, seconds.ToString(CultureInfo.InvariantCulture));
        return facts.HasInAppDelay ? properties : properties.SetItem(AddScaffolding, "true");
    }
}
