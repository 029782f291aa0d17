using System.Reflection;

namespace SaferCity.Infra.Tests;

/// <summary>Where the repository and the Bicep compiler are, as recorded at build time.</summary>
internal static class InfraPaths
{
    private static string Metadata(string key) =>
        typeof(InfraPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; rebuild the test project.");

    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string InfraDirectory => Path.Combine(RepositoryRoot, "infra");

    public static string BicepExecutable => Metadata("BicepExecutable");

    /// <summary>Every .bicep file under infra/, relative to infra/ with forward slashes.</summary>
    public static IReadOnlyList<string> BicepFiles() =>
        Directory.EnumerateFiles(InfraDirectory, "*.bicep", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(InfraDirectory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string ReadInfra(string relativePath) =>
        File.ReadAllText(Path.Combine(InfraDirectory, relativePath));

    public static string ReadRepo(string relativePath) =>
        File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));
}
