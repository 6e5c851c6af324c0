using ShutdownGuard.Build;

namespace ShutdownGuard.Tests.Rendering;

public sealed class ToolErrorLineTests
{
    [Fact]
    public void Helm_error_loses_its_prefix_and_the_hint_after_it()
    {
        var standardError = "Error: execution error at (orders/templates/cm.yaml:4:11): imageRepository must be set\n\nUse --debug flag to render out invalid YAML\n";

        Assert.Equal("execution error at (orders/templates/cm.yaml:4:11): imageRepository must be set", ToolErrorLine.From(standardError));
    }

    [Fact]
    public void Helm_warnings_before_the_error_are_skipped()
    {
        var standardError = "WARNING: Kubernetes configuration file is group-readable\n"
            + "walk.go:75: found symbolic link in path: /chart/templates/link.yaml\n"
            + "Error: template: orders/x.yaml:1: bad\n";

        Assert.Equal("template: orders/x.yaml:1: bad", ToolErrorLine.From(standardError));
    }

    [Fact]
    public void Kubectl_multi_line_failure_is_the_line_after_err()
    {
        var standardError = """
            I1129 23:37:36.445000   18460 loader.go:10] loading
            E1129 23:37:36.445490   18460 run.go:72] "command failed" err=<
            	accumulating resources: accumulation err='accumulating resources from 'missing.yaml'
            	more detail
             >
            """;

        Assert.Equal("accumulating resources: accumulation err='accumulating resources from 'missing.yaml'", ToolErrorLine.From(standardError));
    }

    [Fact]
    public void Kubectl_one_line_failure_is_unquoted()
    {
        var standardError = "E1129 23:40:42.337574   19849 run.go:72] \"command failed\" err=\"accumulating resources: \\\"missing.yaml\\\" not found\"\n";

        Assert.Equal("accumulating resources: \"missing.yaml\" not found", ToolErrorLine.From(standardError));
    }

    [Fact]
    public void Kubectl_plain_error_loses_its_prefix()
    {
        Assert.Equal("must build at directory: not a valid directory", ToolErrorLine.From("error: must build at directory: not a valid directory\n"));
    }

    [Fact]
    public void Empty_standard_error_has_no_error_line()
    {
        Assert.Null(ToolErrorLine.From(" \n\n"));
    }
}
