namespace ShutdownGuard.Hosting.Endpoints;

internal enum HandlerKind
{
    Lambda,
    LocalFunction,
    Method,

    /// <summary>A delegate whose code could not be found (a variable, a method outside the project).</summary>
    Unknown,
}
