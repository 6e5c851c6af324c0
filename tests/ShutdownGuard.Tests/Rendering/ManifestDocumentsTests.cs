using ShutdownGuard.Build;

namespace ShutdownGuard.Tests.Rendering;

public sealed class ManifestDocumentsTests
{
    private const string Deployment = """
        ---
        # Source: orders/templates/deployment.yaml
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders-api

        """;

    private const string Service = """
        ---
        # Source: orders/templates/service.yaml
        apiVersion: v1
        kind: Service
        metadata:
          name: orders-api

        """;

    [Fact]
    public void Secret_documents_are_dropped_and_every_other_byte_is_kept()
    {
        var secret = """
            ---
            # Source: orders/templates/secret.yaml
            apiVersion: v1
            kind: Secret
            stringData:
              password: hunter2

            """;

        Assert.Equal(Deployment + Service, ManifestDocuments.WithoutSecrets(Deployment + secret + Service));
    }

    [Fact]
    public void A_leading_secret_without_a_separator_and_quoted_kinds_are_dropped()
    {
        var leadingSecret = "apiVersion: v1\nkind: Secret\ndata: {}\n";
        var quoted = "---\napiVersion: v1\nkind: \"Secret\" # generated\n";

        Assert.Equal(Service, ManifestDocuments.WithoutSecrets(leadingSecret + quoted + Service));
    }

    [Fact]
    public void Secret_named_below_the_top_level_keeps_its_document()
    {
        var role = """
            ---
            apiVersion: v1
            kind: ConfigMap
            data:
              note: |
                kind: Secret
            items:
            - kind: Secret

            """;

        Assert.Equal(role + Service, ManifestDocuments.WithoutSecrets(role + Service));
    }

    [Fact]
    public void Windows_line_endings_split_documents_too()
    {
        var text = "kind: Secret\r\n---\r\nkind: Service\r\n";

        Assert.Equal("---\r\nkind: Service\r\n", ManifestDocuments.WithoutSecrets(text));
    }
}
