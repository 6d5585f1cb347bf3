namespace KernelModel.Audit;

/// <summary>The tool's name, version and home, as the JSON and SARIF reports name them.</summary>
internal static class ToolInfo
{
    /// <summary>The command's name.</summary>
    public const string Name = "tlb-audit";

    /// <summary>The project's home page.</summary>
    public const string InformationUri = "https://github.com/kernelmodel/KernelModel.Analyzers";

    /// <summary>The tool's version (major.minor.patch), stable for a given build.</summary>
    public static string Version { get; } = typeof(ToolInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
