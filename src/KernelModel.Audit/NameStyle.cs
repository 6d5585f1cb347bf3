namespace KernelModel.Audit;

/// <summary>How reports name functions (<c>--names</c>).</summary>
internal enum NameStyle
{
    /// <summary>The kernel's name where the port's doc comment gives it, with the C# name after it.</summary>
    Both,

    /// <summary>The kernel's name where known, as a kernel review writes it.</summary>
    Kernel,

    /// <summary>The port's C# names only.</summary>
    CSharp,
}
