using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting;

/// <summary>
/// A host style as far as one method body shows it. A builder returned by a method of the project is known only once
/// that method has been seen, which may be later in the compilation: the trace then names the method.
/// </summary>
internal readonly struct StyleTrace
{
    /// <summary>Methods returning methods' builders are followed this deep.</summary>
    private const int MaxMethods = 4;

    private StyleTrace(HostStyle style, IMethodSymbol? method, bool addsWeb)
    {
        Style = style;
        Method = method;
        AddsWeb = addsWeb;
    }

    public static StyleTrace Unknown => default;

    public HostStyle Style { get; }

    /// <summary>The method of the project whose returned builder this is, when not yet resolved.</summary>
    public IMethodSymbol? Method { get; }

    /// <summary>A web host is configured on top of what <see cref="Method"/> returns.</summary>
    public bool AddsWeb { get; }

    public static StyleTrace Known(HostStyle style) => new(style, method: null, addsWeb: false);

    public static StyleTrace ReturnedBy(IMethodSymbol method) => new(HostStyle.Unknown, method, addsWeb: false);

    /// <summary><c>ConfigureWebHostDefaults</c> / <c>ConfigureWebHost</c> on this builder.</summary>
    public StyleTrace WithWeb() => Method is null ? Known(WithWeb(Style)) : new StyleTrace(Style, Method, addsWeb: true);

    /// <param name="builderMethods">What each method of the project that returns a builder returns.</param>
    public HostStyle Resolve(IReadOnlyDictionary<IMethodSymbol, StyleTrace> builderMethods)
    {
        var trace = this;
        var addsWeb = false;
        for (var i = 0; i <= MaxMethods; i++)
        {
            addsWeb |= trace.AddsWeb;
            if (trace.Method is null)
            {
                return addsWeb ? WithWeb(trace.Style) : trace.Style;
            }

            if (!builderMethods.TryGetValue(trace.Method, out trace))
            {
                return HostStyle.Unknown;
            }
        }

        return HostStyle.Unknown;
    }

    /// <summary>Only <c>Host.CreateDefaultBuilder</c> changes style with a web host; the others keep their configuration sources.</summary>
    private static HostStyle WithWeb(HostStyle style) => style == HostStyle.GenericHost ? HostStyle.GenericHostWithWeb : style;
}
