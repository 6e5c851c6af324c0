using System.Runtime.ExceptionServices;

namespace ShutdownGuard.Tests.Verification;

/// <summary>Runs code on a thread with a 1 MB stack: a deep recursion crashes the test run instead of passing unnoticed.</summary>
internal static class SmallStack
{
    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = action();
                }
                catch (Exception e)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
            },
            1024 * 1024);
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
