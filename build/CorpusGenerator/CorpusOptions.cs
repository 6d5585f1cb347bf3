using System;

namespace KernelModel.CorpusGenerator;

/// <summary>What corpus to generate. The same options always give the same corpus, byte for byte.</summary>
public sealed record CorpusOptions
{
    /// <summary>How many code files (besides the kernel-model API file).</summary>
    public int Files { get; init; } = 1000;

    /// <summary>The share of methods, from 0 to 1, that make a guarded call or carry a contract obligation.</summary>
    public double GuardedShare { get; init; } = 0.25;

    /// <summary>The share of guarded methods, from 0 to 1, seeded with a violation.</summary>
    public double ViolationShare { get; init; } = 0.1;

    /// <summary>Seeds every random choice.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Checks the values.</summary>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public CorpusOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Files, 1, nameof(Files));
        if (GuardedShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(GuardedShare), GuardedShare, "expected a share from 0 to 1");
        }

        if (ViolationShare is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ViolationShare), ViolationShare, "expected a share from 0 to 1");
        }

        return this;
    }
}
