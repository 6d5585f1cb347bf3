using KernelModel.SampleKernel.Model;

namespace KernelModel.SampleKernel;

/// <summary>include/linux/mmdebug.h.</summary>
public static partial class Kernel
{
    /// <summary>Ports <c>VM_WARN_ON_ONCE()</c>: records a kernel warning in the machine when the condition holds.</summary>
    /// <param name="condition">The condition that should not hold.</param>
    /// <param name="message">What went wrong.</param>
    public static void VmWarnOnOnce(bool condition, string message)
    {
        if (condition)
        {
            Machine.Current.Warn(message);
        }
    }
}
