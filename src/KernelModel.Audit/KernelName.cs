namespace KernelModel.Audit;

/// <summary>The kernel function a C# method ports, as its doc comment names it, and the kernel file its type mirrors.</summary>
/// <param name="Function">The kernel function, e.g. <c>pmdp_collapse_flush</c>.</param>
/// <param name="File">The kernel file, e.g. <c>mm/pgtable-generic.c</c>, or null when the port does not say.</param>
internal sealed record KernelName(string Function, string? File);
