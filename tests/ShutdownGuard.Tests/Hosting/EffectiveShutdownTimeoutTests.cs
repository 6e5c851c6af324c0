using ShutdownGuard.Budget;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Tests.Hosting;

public class EffectiveShutdownTimeoutTests
{
    [Fact]
    public void Only_the_default_is_set_nowhere_an_unknown_value_may_be_set_where_it_cannot_be_read()
    {
        // SG1003 picks its C# fix by this: an unknown timeout must never get the fix that inserts a setting.
        Assert.True(EffectiveShutdownTimeout.FromDefault(new ShutdownTimeoutDefault(30, "default")).IsSetNowhere);
        Assert.False(EffectiveShutdownTimeout.Unknown.IsSetNowhere);
        Assert.False(EffectiveShutdownTimeout.FromElsewhere(45, "appsettings.json:1", Microsoft.CodeAnalysis.Location.None).IsSetNowhere);
    }
}
