using System.Text;

namespace KernelModel.Analysis;

/// <summary>
/// How configured names are compared: underscores removed, case ignored, so that a port keeping the kernel's
/// spelling (<c>tlb_remove_table_sync_one</c>) matches <c>TlbRemoveTableSyncOne</c>.
/// </summary>
public static class Names
{
    /// <summary>Normalises a method or parameter name for comparison.</summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The name without underscores, in lower case.</returns>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            if (c != '_')
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
