using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Budget;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Tests.Hosting;

public class AppSettingsReaderTests
{
    private static AppSettingsValue? Read(string json) => AppSettingsReader.Read(SourceText.From(json))?.Find(ShutdownTimeoutSources.ConfigurationKey);

    [Theory]
    [InlineData("{ \"shutdownTimeoutSeconds\": 45 }", 45.0, "45")]
    [InlineData("{ \"ShutdownTimeoutSeconds\": \"45\" }", 45.0, "\"45\"")]
    [InlineData("{ \"Logging\": { \"shutdownTimeoutSeconds\": 1, \"x\": [1, {\"y\": \"}\"}] }, \"shutdownTimeoutSeconds\": 45 }", 45.0, "45")]
    [InlineData("// comment\n{ /* block */ \"shutdownTimeoutSeconds\": 45, }", 45.0, "45")]
    [InlineData("{ \"shutdownTimeoutSeconds\": 10, \"SHUTDOWNTIMEOUTSECONDS\": 45 }", 45.0, "45")]
    [InlineData("\uFEFF{\"shutdownTimeoutSeconds\":45}", 45.0, "45")]
    [InlineData("{ \"shutdown\\u0054imeoutSeconds\": 45 }", 45.0, "45")]
    [InlineData("{ \"shutdownTimeoutSeconds\": \"soon\" }", null, "\"soon\"")]
    [InlineData("{ \"shutdownTimeoutSeconds\": 45.5 }", null, "45.5")]
    [InlineData("{ \"shutdownTimeoutSeconds\": -1 }", null, "-1")]
    [InlineData("{ \"shutdownTimeoutSeconds\": null }", null, "null")]
    [InlineData("{ \"shutdownTimeoutSeconds\": { \"value\": 45 } }", null, "{ \"value\": 45 }")]
    public void The_root_key_is_read(string json, double? seconds, string valueText)
    {
        var timeout = Read(json);

        Assert.NotNull(timeout);
        Assert.Equal(seconds, timeout.AsWholeSeconds());
        Assert.Equal(valueText, json.Substring(timeout.Span.Start, timeout.Span.Length));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{ \"Logging\": { \"shutdownTimeoutSeconds\": 45 } }")]
    [InlineData("[ { \"shutdownTimeoutSeconds\": 45 } ]")]
    [InlineData("{ \"shutdownTimeoutSeconds\": 45")]
    [InlineData("{ \"shutdownTimeoutSeconds\" 45 }")]
    [InlineData("{ \"shutdownTimeoutSeconds\": \"45 }")]
    [InlineData("{ \"shutdownTimeoutSeconds\": 45 } trailing")]
    [InlineData("{ \"a\": [1, 2 }")]
    [InlineData("{ \"a\": \"\\u12\" }")]
    [InlineData("{ /* unterminated")]
    [InlineData("shutdownTimeoutSeconds: 45")]
    public void Absent_keys_and_malformed_json_give_nothing(string json)
    {
        Assert.Null(Read(json));
    }

    [Fact]
    public void A_deep_document_does_not_overflow_the_stack()
    {
        var json = "{ \"a\": " + new string('[', 100_000) + new string(']', 100_000) + ", \"shutdownTimeoutSeconds\": 45 }";

        Assert.Equal(45, Read(json)!.AsWholeSeconds());
    }

    [Theory]
    [InlineData("HostOptions:ShutdownTimeout", "00:00:25", "\"00:00:25\"")]
    [InlineData("hostoptions:SHUTDOWNTIMEOUT", "00:00:25", "\"00:00:25\"")]
    [InlineData("Shutdown:Seconds", "58", "58")]
    [InlineData("Urls:1", "http://+:8081", "\"http://+:8081\"")]
    [InlineData("Shutdown", null, "{ \"Seconds\": 58, }")]
    [InlineData("Empty", null, "null")]
    public void Nested_keys_are_flattened_as_configuration_flattens_them(string key, string? text, string valueText)
    {
        const string Json = "{ \"HostOptions\": { \"ShutdownTimeout\": \"00:00:25\" }, /* c */ \"Shutdown\": { \"Seconds\": 58, },\n \"Urls\": [\"http://+:8080\", \"http://+:8081\"], \"Empty\": null }";

        var value = AppSettingsReader.Read(SourceText.From(Json))!.Find(key);

        Assert.NotNull(value);
        Assert.Equal(text, value.Text);
        Assert.Equal(valueText, Json.Substring(value.Span.Start, value.Span.Length));
    }

    [Fact]
    public void Keys_nested_too_deep_are_skipped_and_the_rest_is_read()
    {
        var json = "{ \"a\": " + new string('{', 1) + string.Concat(Enumerable.Repeat("\"b\": {", 99)) + new string('}', 100) + ", \"c\": { \"d\": 1 } }";

        var values = AppSettingsReader.Read(SourceText.From(json))!;

        Assert.Equal("1", values.Find("c:d")!.Text);
        Assert.Null(values.Find("a:" + string.Join(":", Enumerable.Repeat("b", 99))));
    }
}
