using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.Hosting;

namespace ShutdownGuard.Tests.Hosting;

public class HostingWordsTests
{
    [Theory]
    [InlineData("var app = builder.Build();")]
    [InlineData("app.MapGet(\"/ready\", () => \"ok\");")]
    [InlineData("app.Map(\"/x\", branch => { });")]
    [InlineData("app.UseHealthChecks(\"/ready\");")]
    [InlineData("app.Use(next => next);")]
    [InlineData("_routes.MapOrders();")]
    [InlineData("lifetime.ApplicationStopping.Register(Drain);")]
    [InlineData("token.@Register(Drain);")]
    [InlineData("token.\\u0052egister(Drain);")]
    [InlineData("IServiceCollection services = Create();")]
    [InlineData("// builder.Services in a comment counts: a false match only costs a read")]
    [InlineData("x.AddHealthChecks().AddCheck<Ready>(\"ready\");")]
    public void Code_that_may_touch_hosting_mentions_it(string code) =>
        Assert.True(HostingWords.Mentioned(SourceText.From(code), new TextSpan(0, code.Length)));

    [Theory]
    [InlineData("var user = User.Find(id); var used = Users.Count;")]
    [InlineData("var large = _orders.Where(order => order.Amount > minimum).ToList(); _orders.Add(created);")]
    [InlineData("await Task.Delay(Interval, cancellationToken).ConfigureAwait(false);")]
    [InlineData("var registered = Registered; var builds = BuildNumber; var mapper = Mapper;")]
    [InlineData("var hosts = HostName + ServicesCount;")]
    [InlineData("")]
    public void Code_without_a_hosting_word_does_not(string code) =>
        Assert.False(HostingWords.Mentioned(SourceText.From(code), new TextSpan(0, code.Length)));

    [Fact]
    public void Only_the_span_is_read()
    {
        var code = "builder.Build(); var total = Sum(values);";
        var start = code.IndexOf("var total", StringComparison.Ordinal);

        Assert.False(HostingWords.Mentioned(SourceText.From(code), TextSpan.FromBounds(start, code.Length)));
        Assert.True(HostingWords.Mentioned(SourceText.From(code), new TextSpan(0, start)));
    }

    [Theory]
    [InlineData(4090)]
    [InlineData(4092)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(8190)]
    public void A_word_across_the_reading_chunks_of_a_long_body_is_read_whole(int offset)
    {
        // Words up to the offset, where the tested word starts.
        var filler = string.Concat(Enumerable.Repeat("total += x; ", offset / 12 + 1))[..(offset - 1)] + " ";
        var mentions = filler + "Register(x);" + filler;
        var extends = filler + "Registered(x);" + filler;

        Assert.True(HostingWords.Mentioned(SourceText.From(mentions), new TextSpan(0, mentions.Length)));
        Assert.False(HostingWords.Mentioned(SourceText.From(extends), new TextSpan(0, extends.Length)));
    }

    [Fact]
    public void Names_are_found_as_whole_words()
    {
        var names = new HostingWords.NameSet(new[] { "_routes", "Endpoints" });

        Assert.True(HostingWords.MentionsAny(SourceText.From("Add(_routes);"), new TextSpan(0, 13), names));
        Assert.False(HostingWords.MentionsAny(SourceText.From("Add(_routesCount);"), new TextSpan(0, 18), names));
        Assert.False(HostingWords.MentionsAny(SourceText.From("Add(_routes);"), new TextSpan(0, 13), new HostingWords.NameSet(Array.Empty<string>())));
    }
}
