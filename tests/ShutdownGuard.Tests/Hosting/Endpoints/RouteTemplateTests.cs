using ShutdownGuard.Hosting.Endpoints;

namespace ShutdownGuard.Tests.Hosting.Endpoints;

public class RouteTemplateTests
{
    [Theory]
    [InlineData("ready", "/ready")]
    [InlineData("/ready/", "/ready")]
    [InlineData("~/ready", "/ready")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("/ready?verbose=1", "/ready")]
    [InlineData("/items/{id?}", "/items/{id?}")]
    public void Normalize_gives_a_leading_slash_and_no_trailing_one(string template, string expected) =>
        Assert.Equal(expected, RouteTemplate.Normalize(template));

    [Theory]
    [InlineData("/health", "/ready", "/health/ready")]
    [InlineData("/health/", "ready", "/health/ready")]
    [InlineData("/", "/ready", "/ready")]
    [InlineData("/health", "", "/health")]
    public void Combine_joins_a_prefix_and_a_template(string prefix, string template, string expected) =>
        Assert.Equal(expected, RouteTemplate.Combine(prefix, template));

    [Theory]
    [InlineData("/ready", "/ready", true)]
    [InlineData("/ready", "/READY/", true)]
    [InlineData("/ready", "/readyz", false)]
    [InlineData("/health/{kind}", "/health/ready", true)]
    [InlineData("/health/{kind:alpha}", "/health/ready", true)]
    [InlineData("/health/{kind}", "/health", false)]
    [InlineData("/health/{kind?}", "/health", true)]
    [InlineData("/health/{kind=ready}", "/health", true)]
    [InlineData("/{**rest}", "/any/thing", true)]
    [InlineData("/files/{*rest}", "/files", true)]
    [InlineData("/files/{*rest}", "/other", false)]
    [InlineData("/status/{name}.json", "/status/ready.json", true)]
    [InlineData("/", "/", true)]
    [InlineData("/", "/ready", false)]
    public void Matches_reads_parameters_and_catch_alls(string template, string path, bool expected) =>
        Assert.Equal(expected, RouteTemplate.Matches(template, path));
}
