using ShutdownGuard.AdditionalFiles;

namespace ShutdownGuard.Tests.Rendering;

public class FilePathTests
{
    [Theory]
    [InlineData("/src/app/k8s/a.yaml", "/src/app/", "k8s/a.yaml")]
    [InlineData("/src/charts/app/values.yaml", "/src/app", "../charts/app/values.yaml")]
    [InlineData("C:\\src\\deploy\\a.yaml", "C:\\src\\app\\", "../deploy/a.yaml")]
    [InlineData("/k8s/a.yaml", "/", "k8s/a.yaml")]
    [InlineData("/opt/a.yaml", "/home/me/app", "a.yaml")]
    [InlineData("D:\\deploy\\a.yaml", "C:\\src\\app", "a.yaml")]
    [InlineData("/src/app/k8s/a.yaml", null, "a.yaml")]
    public void Messages_show_paths_relative_to_the_project_folder(string path, string? projectDirectory, string expected) =>
        Assert.Equal(expected, FilePath.Display(path, projectDirectory));

    [Theory]
    [InlineData("/a/./b/../c.yaml", "/a/c.yaml")]
    [InlineData("a\\b\\..\\..\\..\\c", "../c")]
    public void Paths_are_normalized_as_text(string path, string expected) =>
        Assert.Equal(expected, FilePath.Normalize(path));
}
