namespace KernelModel.SampleKernel.Model;

/// <summary>How to build a <see cref="Machine"/>.</summary>
/// <param name="CpuCount">Number of CPUs; all are online.</param>
/// <param name="Paravirt">
/// The kernel runs as a guest whose hypervisor supplies <c>flush_tlb_multi</c>; boot then leaves the
/// broadcast key off, because a paravirt flush need not interrupt every vCPU.
/// </param>
/// <param name="Invlpgb">The CPU has INVLPGB; boot then leaves the broadcast key off and mms may get global ASIDs.</param>
public sealed record MachineOptions(int CpuCount = 4, bool Paravirt = false, bool Invlpgb = false);
