using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using ShutdownGuard.Options;

namespace ShutdownGuard.Analysis;

/// <summary>What the build says about the project being compiled.</summary>
internal sealed class ProjectInfo
{
    private static readonly string[] TestFrameworkAssemblies =
    {
        "xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "TUnit.Core",
    };

    private ProjectInfo(string? assemblyName, string? projectName, string? directory, bool isTestProject)
    {
        Directory = directory;
        AssemblyName = assemblyName;
        ProjectName = projectName;
        IsTestProject = isTestProject;
    }

    public string? AssemblyName { get; }

    public string? ProjectName { get; }

    /// <summary>The project folder (<c>ProjectDir</c>, visible to analyzers by default), for relative paths in messages.</summary>
    public string? Directory { get; }

    /// <summary>Test projects are executables too, and may build hosts; they never run in a pod of their own.</summary>
    public bool IsTestProject { get; }

    public IEnumerable<string?> Names => new[] { AssemblyName, ProjectName };

    public string DisplayName => ProjectName ?? AssemblyName ?? "?";

    public static ProjectInfo Read(Compilation compilation, AnalyzerConfigOptions globalOptions)
    {
        string? Property(string name) => BuildProperty.Read(globalOptions, name);

        var isTestProject = string.Equals(Property("IsTestProject"), "true", StringComparison.OrdinalIgnoreCase)
            || ReferencesTestFramework(compilation);
        return new ProjectInfo(compilation.AssemblyName ?? Property("AssemblyName"), Property("MSBuildProjectName"), Property("ProjectDir"), isTestProject);
    }

    /// <summary>Only an executable can run in a pod.</summary>
    public static bool BuildsExecutable(Compilation compilation) =>
        compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication;

    private static bool ReferencesTestFramework(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            if (Array.IndexOf(TestFrameworkAssemblies, assembly.Name) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
