using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using KernelModel.Analyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace KernelModel.Analyzers.Tests.CodeFixes;

/// <summary>
/// The TLB001 fixes on real code: every TLB001 mutant of the sample kernel (SampleKernelMutants) is repaired by
/// applying, diagnostic by diagnostic, the first fix the light bulb offers — what a developer accepting the
/// suggestion site by site gets — until no TLB001 is left, and the repaired kernel compiles. Where an address space is in scope, that first fix is the inserted
/// flush; where none is (a helper that lost its contract), it is the contract that moves the flush to the callers.
/// </summary>
public class SampleKernelRepairTests
{
    // Enough for a contract removed from huge_pmd_unshare_flush(): the fix adds it back, then flushes each of its six callers.
    private const int MaxRounds = 8;

    // Not the powerpc mutant: an architecture with no flush primitive has no flush for the fix to insert.
    public static IEnumerable<object[]> GuardedMutants =>
        SampleKernelMutants.All
            .Where(mutant => mutant.ExpectedId == "TLB001" && SampleKernelConfiguration.Named(mutant.Configuration).Arch == "X86")
            .Select(mutant => new object[] { mutant.Name });

    [Theory]
    [MemberData(nameof(GuardedMutants))]
    public async Task First_fix_offered_repairs_the_mutant(string mutantName)
    {
        SampleKernelMutant mutant = SampleKernelMutants.Get(mutantName);
        SampleKernelConfiguration configuration = SampleKernelConfiguration.Named(mutant.Configuration);
        SampleKernelFile file = configuration.Get(mutant.File);
        ImmutableDictionary<string, string> texts = configuration.Files.ToImmutableDictionary(f => f.Tree.FilePath, f => f.Text)
            .SetItem(file.Tree.FilePath, mutant.Edit.Apply(file.Text));

        var titles = new List<string>();
        for (int round = 0; ; round++)
        {
            AnalysisOutcome outcome = await AnalysisRunner.RunAsync(texts.Select(t => (t.Key, t.Value)), configuration.Settings);
            Assert.False(outcome.AnalyzerFailed, outcome.DescribeAnalyzerFailures());
            Assert.True(!outcome.CompilerErrors.Any(), $"After {string.Join("; ", titles)}:{Environment.NewLine}{DiagnosticListing.Describe(outcome.CompilerErrors)}");
            Diagnostic? unflushed = outcome.RuleDiagnostics.Where(d => d.Id == "TLB001").OrderBy(d => d.Location.SourceTree!.FilePath).ThenBy(d => d.Location.SourceSpan.Start).FirstOrDefault();
            if (unflushed is null)
            {
                break;
            }

            Assert.True(round < MaxRounds, $"TLB001 is still reported after {string.Join("; ", titles)}: {unflushed}");
            (string title, string path, string fixedText) = await ApplyFirstFixAsync(outcome.Compilation, unflushed, configuration.Settings);
            titles.Add(title);
            texts = texts.SetItem(path, fixedText);
        }

        Assert.NotEmpty(titles);
        bool contractRemoved = mutant.Edit.Find.Contains("[RequiresTableFlush", StringComparison.Ordinal);
        Assert.StartsWith(contractRemoved ? "Require callers of" : "Insert a TLB flush", titles[0], StringComparison.Ordinal);
    }

    /// <summary>Puts the analysed compilation into a workspace and applies the first fix offered for <paramref name="diagnostic"/>.</summary>
    private static async Task<(string Title, string Path, string Text)> ApplyFirstFixAsync(Compilation compilation, Diagnostic diagnostic, AnalysisSettings settings)
    {
        using var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId, VersionStamp.Default, "SampleKernel", compilation.AssemblyName!, LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: settings.ParseOptions,
            metadataReferences: compilation.References));
        DocumentId? target = null;
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            DocumentId id = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(DocumentInfo.Create(id, tree.FilePath, filePath: tree.FilePath,
                loader: TextLoader.From(TextAndVersion.Create(tree.GetText(), VersionStamp.Default))));
            if (tree == diagnostic.Location.SourceTree)
            {
                target = id;
            }
        }

        Document document = solution.GetDocument(target!)!;
        SyntaxTree documentTree = (await document.GetSyntaxTreeAsync())!;
        Diagnostic located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(documentTree, diagnostic.Location.SourceSpan), diagnostic.Properties);

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, located, (action, _) => actions.Add(action), CancellationToken.None);
        // In the light bulb's order: the per-site flush, then the contract.
        await new InsertFlushCodeFixProvider().RegisterCodeFixesAsync(context);
        await new RequireCallersToFlushCodeFixProvider().RegisterCodeFixesAsync(context);
        Assert.True(actions.Count > 0, $"No fix is offered for {diagnostic}");

        ImmutableArray<CodeActionOperation> operations = await actions[0].GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        SourceText text = await changed.GetDocument(target!)!.GetTextAsync();
        return (actions[0].Title, diagnostic.Location.SourceTree!.FilePath, text.ToString());
    }
}
