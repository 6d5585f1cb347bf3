namespace KernelModel.Audit;

/// <summary>A project that could not be audited, and why.</summary>
/// <param name="Project">The project, as the report names it (a path relative to the root, or its name).</param>
/// <param name="Reason">MSBuild's or the compiler's reason, on one line.</param>
internal sealed record LoadFailure(string Project, string Reason);
