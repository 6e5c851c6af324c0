using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.AdditionalFiles;
using ShutdownGuard.Container;
using ShutdownGuard.Tests.Verification;

namespace ShutdownGuard.Tests.Container;

public class ContainerImageTests
{
    [Theory]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", false)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled-extra", false)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled-composite", false)]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled@sha256:0123", false)]
    [InlineData("mcr.microsoft.com/dotnet/runtime:8.0-azurelinux3.0-distroless", false)]
    [InlineData("gcr.io/distroless/base-debian12", false)]
    [InlineData("gcr.io/distroless/cc:nonroot", false)]
    [InlineData("registry.example.com/base/distroless-dotnet:1", false)]
    [InlineData("scratch", false)]
    [InlineData("ubuntu/dotnet-aspnet:8.0-24.04_stable", false)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0.11-bookworm-slim", true)]
    [InlineData("mcr.microsoft.com/dotnet/runtime:8.0-alpine3.20", true)]
    [InlineData("mcr.microsoft.com/dotnet/sdk:9.0-noble", true)]
    [InlineData("mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-extra", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:10.0-preview", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:latest", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet", true)]
    [InlineData("alpine:3.20", true)]
    [InlineData("debian:bookworm-slim", true)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022", null)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:${TAG}", null)]
    [InlineData("mcr.microsoft.com/dotnet/aspnet:8.0-${VARIANT}-chiseled", false)]
    [InlineData("registry.example.com/orders/base:1.4", null)]
    [InlineData("localhost:5000/app", null)]
    public void Images_are_told_by_name(string image, bool? hasShell)
    {
        Assert.Equal(hasShell, ContainerImages.HasShell(image));
    }

    [Fact]
    public void The_final_stage_of_a_dockerfile_gives_the_image_and_its_location()
    {
        var (text, stage) = Markup.Parse("ARG TAG=8.0-noble-chiseled\nFROM mcr.microsoft.com/dotnet/sdk:8.0 AS build\nFROM {|#0:mcr.microsoft.com/dotnet/aspnet:$TAG|} AS run\nFROM run\n");
        var entry = DockerfileFiles.FileKind.Read(new Verification.Manifests.InMemoryFile("/src/Dockerfile", text), projectDirectory: null, TextModels.Fresh, CancellationToken.None)!;

        var image = entry.Image()!;
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled", image.Image);
        Assert.False(image.HasShell);
        Assert.Equal(ContainerImageSource.Dockerfile, image.Source);
        Assert.Equal("/src/Dockerfile", image.Location.GetLineSpan().Path);
        Assert.Equal(stage, image.Location.SourceSpan);
    }

    [Theory]
    [InlineData("noble-chiseled", false)]
    [InlineData("jammy-chiseled-extra", false)]
    [InlineData("azurelinux3.0-distroless", false)]
    [InlineData("alpine", true)]
    [InlineData("noble", true)]
    [InlineData("bookworm-slim", true)]
    [InlineData("nanoserver-ltsc2022", null)]
    public void ContainerFamily_gives_the_verdict_when_there_is_no_base_image_property(string family, bool? hasShell)
    {
        var image = ContainerImageInfo.FromProperties(new DictionaryOptions(("build_property.ContainerFamily", family)))!;

        Assert.Equal((family, hasShell, ContainerImageSource.ContainerFamily), (image.Image, image.HasShell, image.Source));
    }

    [Fact]
    public void ContainerBaseImage_wins_over_ContainerFamily()
    {
        var image = ContainerImageInfo.FromProperties(new DictionaryOptions(
            ("build_property.ContainerBaseImage", " mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled "),
            ("build_property.ContainerFamily", "alpine")))!;

        Assert.Equal(("mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled", false, ContainerImageSource.ContainerBaseImage), (image.Image, image.HasShell, image.Source));
        Assert.Null(ContainerImageInfo.FromProperties(new DictionaryOptions(("build_property.ContainerFamily", ""))));
    }

    [Fact]
    public void Dockerfiles_give_the_images_and_the_sdk_properties_apply_only_without_one()
    {
        static ContainerImageInfo[] Images(params (string Path, string Text)[] files)
        {
            var options = new AnalyzerOptions(
                files.Select(file => (AdditionalText)new Verification.Manifests.InMemoryFile(file.Path, file.Text)).ToImmutableArray(),
                new GlobalOptionsProvider(new DictionaryOptions(("build_property.ContainerFamily", "noble-chiseled"))));
            return DockerfileFiles.Images(options, TextModels.Fresh, CancellationToken.None).ToArray();
        }

        var fromFiles = Images(("/b/Dockerfile", "FROM alpine:3.20\n"), ("/a/Dockerfile.prod", "FROM scratch\n"), ("/k8s/app.yaml", "kind: Pod\n"), ("/c/Dockerfile", "# no FROM\n"));
        var fromProperties = Images(("/k8s/app.yaml", "kind: Pod\n"));

        Assert.Equal(new[] { ("scratch", (bool?)false), ("alpine:3.20", true) }, fromFiles.Select(image => (image.Image, image.HasShell)));
        Assert.Equal(("noble-chiseled", ContainerImageSource.ContainerFamily), (Assert.Single(fromProperties).Image, fromProperties[0].Source));
    }
}
