using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace ShutdownGuard.IntegrationTests;

[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackageFixture package)
{
    [Fact]
    public void Package_holds_the_analyzers_build_files_build_tasks_readme_and_license_and_nothing_for_lib()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet();

        string[] expected =
        [
            "analyzers/dotnet/cs/ShutdownGuard.Analyzers.dll",
            "analyzers/dotnet/cs/ShutdownGuard.CodeFixes.dll",
            "analyzers/dotnet/cs/YamlDotNet.dll",
            "build/ShutdownGuard.Analyzers.props",
            "build/ShutdownGuard.Analyzers.targets",
            "buildTransitive/ShutdownGuard.Analyzers.props",
            "buildTransitive/ShutdownGuard.Analyzers.targets",
            "build/config/strict.globalconfig",
            "build/config/none.globalconfig",
            "buildTransitive/config/strict.globalconfig",
            "buildTransitive/config/none.globalconfig",
            "tasks/netstandard2.0/ShutdownGuard.Build.dll",
            "tasks/netstandard2.0/YamlDotNet.dll",
            "README.md",
            "LICENSE",
        ];
        Assert.All(expected, path => Assert.Contains(path, entries));
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal));
    }

    [Fact]
    public void Packed_YamlDotNet_is_the_netstandard2_0_build()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        using var packed = archive.GetEntry("analyzers/dotnet/cs/YamlDotNet.dll")!.Open();
        using var copy = new MemoryStream();
        packed.CopyTo(copy);
        copy.Position = 0;

        using var assembly = new PEReader(copy);
        Assert.Equal(".NETStandard,Version=v2.0", TargetFramework(assembly.GetMetadataReader()));
    }

    [Fact]
    public void Nuspec_declares_a_development_dependency_without_dependencies()
    {
        using var archive = ZipFile.OpenRead(package.PackagePath);
        var nuspecEntry = archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;

        Assert.Equal(PackageFixture.PackageId, Value("id"));
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal("MIT", Value("license"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(Value("tags")));
        Assert.Null(Value("dependencies"));
    }

    private static string? TargetFramework(MetadataReader metadata)
    {
        foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = metadata.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
            {
                continue;
            }

            var constructor = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            if (constructor.Parent.Kind == HandleKind.TypeReference
                && metadata.GetString(metadata.GetTypeReference((TypeReferenceHandle)constructor.Parent).Name) == "TargetFrameworkAttribute")
            {
                var value = metadata.GetBlobReader(attribute.Value);
                value.ReadUInt16(); // custom attribute blob prolog
                return value.ReadSerializedString();
            }
        }

        return null;
    }
}
