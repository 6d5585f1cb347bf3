using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KernelModel.Audit;

/// <summary>
/// The compilation a project's build analyses, with the contract attributes its KernelModel analyzer reference
/// generates. That reference is replaced by the tool's own copy of the generator, because the assembly it names
/// exists only once the analyzer is built in the configuration MSBuild chose; the generator's output is the
/// same, and the tool and the analyzer share one engine version.
/// </summary>
internal static class ContractGeneration
{
    private static readonly string[] _ownAssemblies = ["KernelModel.Analyzers.dll", "KernelModel.Analysis.dll"];

    /// <summary>The project's compilation, generators run.</summary>
    /// <param name="project">The project.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The compilation.</returns>
    public static async Task<Compilation> CompileAsync(Project project, CancellationToken cancellationToken)
    {
        ImmutableArray<AnalyzerReference> own = project.AnalyzerReferences
            .Where(r => r.FullPath is not null && _ownAssemblies.Contains(Path.GetFileName(r.FullPath), StringComparer.OrdinalIgnoreCase))
            .ToImmutableArray();
        foreach (AnalyzerReference reference in own)
        {
            project = project.RemoveAnalyzerReference(reference);
        }

        Compilation compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new AuditInputException($"{project.Name} has no compilation");
        if (own.IsEmpty)
        {
            return compilation;
        }

        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new ContractAttributesGenerator().AsSourceGenerator()],
            parseOptions: project.ParseOptions as CSharpParseOptions,
            optionsProvider: project.AnalyzerOptions.AnalyzerConfigOptionsProvider);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _, cancellationToken);
        return generated;
    }
}
