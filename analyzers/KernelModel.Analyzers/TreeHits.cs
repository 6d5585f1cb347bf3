using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers;

/// <summary>The names <see cref="CallNameFilter"/> found in one file: their positions, in order, and what each is.</summary>
internal sealed class TreeHits
{
    private readonly int[] _positions;
    private readonly NameKind[] _kinds;

    /// <summary>Creates the hits of a file.</summary>
    /// <param name="positions">Where each name starts, ascending.</param>
    /// <param name="kinds">What each name is.</param>
    public TreeHits(int[] positions, NameKind[] kinds)
    {
        _positions = positions;
        _kinds = kinds;
    }

    /// <summary>A file that names nothing the rules look at.</summary>
    public static TreeHits None { get; } = new([], []);

    /// <summary>Whether the file names nothing the rules look at.</summary>
    public bool IsEmpty => _positions.Length == 0;

    /// <summary>Whether a name of <paramref name="kind"/> starts inside <paramref name="span"/>.</summary>
    /// <param name="span">A span of the file.</param>
    /// <param name="kind">The kinds asked for (any of them).</param>
    /// <returns>True when one does.</returns>
    public bool Any(TextSpan span, NameKind kind)
    {
        int index = Array.BinarySearch(_positions, span.Start);
        for (index = index < 0 ? ~index : index; index < _positions.Length && _positions[index] < span.End; index++)
        {
            if ((_kinds[index] & kind) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The positions of the names of <paramref name="kind"/>, ascending.</summary>
    /// <param name="kind">The kinds asked for (any of them).</param>
    /// <returns>The positions.</returns>
    public IEnumerable<int> Positions(NameKind kind)
    {
        for (int i = 0; i < _positions.Length; i++)
        {
            if ((_kinds[i] & kind) != 0)
            {
                yield return _positions[i];
            }
        }
    }
}
