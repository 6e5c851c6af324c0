using ShutdownGuard.Build;

namespace ShutdownGuard.Tests.Rendering;

public sealed class ProjectFilesTests
{
    private static readonly string Project = Path.Combine(Path.GetTempPath(), "orders #1", "app");

    [Fact]
    public void File_in_the_project_is_relative_with_forward_slashes()
    {
        Assert.Equal("deploy/chart/values.yaml", ProjectFiles.Relative(Project, Path.Combine(Project, "deploy", "chart", "values.yaml")));
    }

    [Fact]
    public void File_beside_the_project_goes_up_through_its_folders()
    {
        var valuesFile = Path.Combine(Path.GetDirectoryName(Project)!, "deploy", "values prod.yaml");

        Assert.Equal("../deploy/values prod.yaml", ProjectFiles.Relative(Project, valuesFile));
    }

    [Fact]
    public void Project_folder_itself_is_a_dot()
    {
        Assert.Equal(".", ProjectFiles.Relative(Project, Project + Path.DirectorySeparatorChar));
    }

    [Fact]
    public void File_is_written_only_when_its_content_changes()
    {
        var path = Path.Combine(Path.GetTempPath(), "shutdownguard-" + Guid.NewGuid().ToString("N"), "out.yaml");
        ProjectFiles.WriteIfChanged(path, "kind: Service\n");
        var writtenAt = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, writtenAt);

        ProjectFiles.WriteIfChanged(path, "kind: Service\n");
        var unchanged = File.GetLastWriteTimeUtc(path);
        ProjectFiles.WriteIfChanged(path, "kind: Deployment\n");

        Assert.Equal(writtenAt, unchanged);
        Assert.Equal("kind: Deployment\n", File.ReadAllText(path));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
