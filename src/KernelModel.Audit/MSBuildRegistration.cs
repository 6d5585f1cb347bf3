using Microsoft.Build.Locator;

namespace KernelModel.Audit;

/// <summary>Finds the .NET SDK's MSBuild for MSBuildWorkspace; must run before any MSBuild type is loaded.</summary>
internal static class MSBuildRegistration
{
    private static readonly object _gate = new();

    /// <summary>Registers the SDK's MSBuild once per process.</summary>
    /// <exception cref="AuditInputException">No .NET SDK was found.</exception>
    public static void Ensure()
    {
        lock (_gate)
        {
            if (MSBuildLocator.IsRegistered)
            {
                return;
            }

            try
            {
                MSBuildLocator.RegisterDefaults();
            }
            catch (System.InvalidOperationException e)
            {
                throw new AuditInputException("cannot find MSBuild in a .NET SDK: " + e.Message);
            }
        }
    }
}
