namespace ShutdownGuard.Benchmarks;

/// <summary>What the generated modules' method bodies look like.</summary>
public enum BodyShape
{
    /// <summary>One class a file with a field, properties, one LINQ query and one awaited <c>Task.Delay</c>.</summary>
    Small,

    /// <summary>Ten async methods a file with LINQ, lambdas, <c>foreach</c>, string interpolation and calls of each other:
    /// the bodies an application's code has.</summary>
    RealShaped,
}
