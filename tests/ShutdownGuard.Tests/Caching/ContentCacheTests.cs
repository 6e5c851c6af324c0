using Microsoft.CodeAnalysis.Text;
using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Tests.Caching;

public class ContentCacheTests
{
    [Fact]
    public void A_new_text_with_the_same_content_is_not_read_again()
    {
        var cache = new ContentCache<string>();
        var reads = 0;
        string Read(SourceText text)
        {
            reads++;
            return text.ToString();
        }

        var first = cache.GetOrRead(SourceText.From("kind: Deployment\n"), Read);
        var again = cache.GetOrRead(SourceText.From("kind: Deployment\n"), Read);
        var other = cache.GetOrRead(SourceText.From("kind: Service\n"), Read);

        Assert.Same(first, again);
        Assert.Equal("kind: Service\n", other);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void The_oldest_texts_are_let_go()
    {
        var cache = new ContentCache<string>();
        var reads = 0;
        string Read(SourceText text)
        {
            reads++;
            return text.ToString();
        }

        for (var i = 0; i <= 64; i++)
        {
            cache.GetOrRead(SourceText.From($"replicas: {i}\n"), Read);
        }

        cache.GetOrRead(SourceText.From("replicas: 64\n"), Read);
        Assert.Equal(65, reads);
        cache.GetOrRead(SourceText.From("replicas: 0\n"), Read);
        Assert.Equal(66, reads);
    }

    [Fact]
    public void Texts_with_one_hash_and_different_content_are_told_apart()
    {
        var cache = new ContentCache<string>();

        // Same length, same characters in another order: a weak hash would not separate them; the content does.
        Assert.Equal("ab", cache.GetOrRead(SourceText.From("ab"), text => text.ToString()));
        Assert.Equal("ba", cache.GetOrRead(SourceText.From("ba"), text => text.ToString()));
    }
}
