using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>Source order (file path, then position): callbacks arrive in any order, the model must not.</summary>
internal sealed class LocationOrder : IComparer<Location>
{
    public static LocationOrder Instance { get; } = new();

    public int Compare(Location? x, Location? y)
    {
        var path = string.CompareOrdinal(x?.SourceTree?.FilePath, y?.SourceTree?.FilePath);
        return path != 0 ? path : (x?.SourceSpan.Start ?? 0).CompareTo(y?.SourceSpan.Start ?? 0);
    }
}
