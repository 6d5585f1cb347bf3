using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.AnalyzerShare;

/// <summary>
/// The analyzers and generators of a built KernelModel.Analyzers folder, loaded by path so that one measuring program
/// can compare two commits' builds.
/// </summary>
/// <param name="Analyzers">Every diagnostic analyzer in the assembly.</param>
/// <param name="Generators">Every source generator in it (the contract attributes).</param>
/// <param name="Folder">Where they were loaded from.</param>
internal sealed record ProductAnalyzers(ImmutableArray<DiagnosticAnalyzer> Analyzers, ImmutableArray<ISourceGenerator> Generators, string Folder)
{
    /// <summary>Loads KernelModel.Analyzers.dll (and KernelModel.Analysis.dll beside it) from <paramref name="folder"/>.</summary>
    /// <param name="folder">A build output folder of analyzers/KernelModel.Analyzers.</param>
    /// <returns>The analyzers and generators.</returns>
    public static ProductAnalyzers Load(string folder)
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            string candidate = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(candidate) ? context.LoadFromAssemblyPath(candidate) : null;
        };
        Assembly assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.Combine(folder, "KernelModel.Analyzers.dll"));
        Type[] types = assembly.GetTypes().Where(type => !type.IsAbstract).ToArray();
        var analyzers = types
            .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();
        var generators = types
            .Where(type => typeof(IIncrementalGenerator).IsAssignableFrom(type))
            .Select(type => ((IIncrementalGenerator)Activator.CreateInstance(type)!).AsSourceGenerator())
            .Concat(types.Where(type => typeof(ISourceGenerator).IsAssignableFrom(type)).Select(type => (ISourceGenerator)Activator.CreateInstance(type)!))
            .ToImmutableArray();
        return new ProductAnalyzers(analyzers, generators, folder);
    }
}
