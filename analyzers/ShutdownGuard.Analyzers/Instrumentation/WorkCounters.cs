using System;
using System.Threading;

namespace ShutdownGuard.Instrumentation;

/// <summary>
/// Counts the work that the caches and code actions exist to spare — reading an additional file's text, computing a
/// fixed solution — so that tests and benchmarks can prove it is not repeated. Only an open <see cref="WorkCount"/>
/// counts, and only the work of its own asynchronous flow: tests running in parallel never see each other's work.
/// </summary>
internal static class WorkCounters
{
    private static readonly AsyncLocal<WorkCount?> Current = new();

    /// <summary>Counts this flow's work until the result is disposed.</summary>
    public static WorkCount Start()
    {
        var count = new WorkCount(Current.Value);
        Current.Value = count;
        return count;
    }

    /// <summary>An additional file's text was read into its model (the per-text cache missed).</summary>
    public static void AdditionalFileRead() => Current.Value?.AddAdditionalFileRead();

    /// <summary>A code action computed its changed solution.</summary>
    public static void FixedSolutionComputed() => Current.Value?.AddFixedSolution();

    internal static void Restore(WorkCount? outer) => Current.Value = outer;
}

/// <summary>The work counted since <see cref="WorkCounters.Start"/>; disposing it reopens the count it replaced.</summary>
internal sealed class WorkCount : IDisposable
{
    private readonly WorkCount? _outer;
    private int _additionalFilesRead;
    private int _fixedSolutions;

    internal WorkCount(WorkCount? outer)
    {
        _outer = outer;
    }

    public int AdditionalFilesRead => Volatile.Read(ref _additionalFilesRead);

    public int FixedSolutionsComputed => Volatile.Read(ref _fixedSolutions);

    public void Dispose() => WorkCounters.Restore(_outer);

    internal void AddAdditionalFileRead() => Interlocked.Increment(ref _additionalFilesRead);

    internal void AddFixedSolution() => Interlocked.Increment(ref _fixedSolutions);
}
