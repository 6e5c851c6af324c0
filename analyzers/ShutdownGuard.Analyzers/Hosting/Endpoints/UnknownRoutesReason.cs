namespace ShutdownGuard.Hosting.Endpoints;

/// <summary>Why the app may serve routes that the model does not list.</summary>
internal enum UnknownRoutesReason
{
    /// <summary>A route or group prefix that is not a compile-time constant.</summary>
    NonConstantRoute,

    /// <summary>The app or a route builder handed to a method outside the project (a shared <c>MapDefaultEndpoints</c>).</summary>
    BuilderLeavesProject,

    /// <summary><c>UsePathBase</c>: every route is served under a prefix as well.</summary>
    PathBase,

    /// <summary><c>app.Map(path, branch => …)</c>: a middleware branch with its own pipeline.</summary>
    Branch,

    /// <summary>Conventional controller routes (<c>MapControllerRoute</c>) or Razor Pages: routes come from names and files.</summary>
    Conventions,

    /// <summary>Inline or custom middleware (<c>app.Use</c>, <c>app.Run(handler)</c>, <c>UseMiddleware</c>, <c>MapWhen</c>,
    /// <c>UseWhen</c>): it may answer a path before routing does.</summary>
    Middleware,

    /// <summary>An endpoint mapped under an environment condition that cannot be evaluated (or in an environment that is
    /// not known): it may or may not exist.</summary>
    EnvironmentCondition,
}
