using System;

namespace KernelModel.Contracts;

/// <summary>
/// Every normal return of the method performs a TLB flush that frees or unshares page tables. On an
/// abstract, interface or virtual member it binds every implementation and override.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class EnsuresTableFlushAttribute : Attribute
{
}
