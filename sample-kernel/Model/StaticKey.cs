namespace KernelModel.SampleKernel.Model;

/// <summary>A static key (jump label): a boolean that boot code sets once and hot paths read for free.</summary>
/// <param name="name">The kernel's name for the key.</param>
public sealed class StaticKey(string name)
{
    /// <summary>The kernel's name for the key.</summary>
    public string Name { get; } = name;

    /// <summary>Whether the key is enabled (static_branch_likely() returns true).</summary>
    public bool Enabled { get; private set; }

    /// <summary>Enables the key (static_branch_enable()).</summary>
    public void Enable() => Enabled = true;

    /// <summary>Disables the key (static_branch_disable()).</summary>
    public void Disable() => Enabled = false;
}
