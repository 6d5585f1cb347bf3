using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Every diagnostic analyzer the package ships, found in the analyzer assembly the way a compiler finds them
/// (public, <see cref="DiagnosticAnalyzerAttribute"/>), so that a new analyzer is tested without being listed.
/// </summary>
public static class ProductAnalyzers
{
    /// <summary>A fresh instance of each analyzer.</summary>
    /// <returns>The analyzers.</returns>
    public static ImmutableArray<DiagnosticAnalyzer> Create() =>
        typeof(TableFlushAnalyzer).Assembly.GetTypes()
            .Where(type => type.IsPublic && !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) &&
                           type.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), inherit: false).Length > 0)
            .OrderBy(type => type.FullName, StringComparer.Ordinal)
            .Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!)
            .ToImmutableArray();

    /// <summary>Every descriptor the analyzers declare, ordered by id.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } =
        Create().SelectMany(analyzer => analyzer.SupportedDiagnostics).OrderBy(d => d.Id, StringComparer.Ordinal).ToImmutableArray();
}
