using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The generated contract attributes stay inside their project (issue 13): a library and its friend test project
/// (<c>InternalsVisibleTo</c>) each get their own copy, and the friend must not see the library's as well — that
/// was CS0436 in every warnings-as-errors test project. A project that defines
/// <c>Microsoft.CodeAnalysis.EmbeddedAttribute</c> itself gets no second definition.
/// </summary>
public class ContractAttributesGeneratorTests
{
    private const string Library = """
        using System.Runtime.CompilerServices;
        using KernelModel.Contracts;

        [assembly: InternalsVisibleTo("Library.Tests")]

        namespace Library;

        internal static class Tlb
        {
            [EnsuresTableFlush]
            internal static void FlushTables() { }

            [RequiresTableFlush]
            internal static void SyncOne() { }
        }
        """;

    private const string FriendTests = """
        using KernelModel.Contracts;

        namespace Library.Tests;

        internal static class Fakes
        {
            [EnsuresTableFlush]
            internal static void Flush() => Library.Tlb.FlushTables();

            [RequiresTableFlush(Unless = "quiet")]
            [RequiresCondition("quiet || !quiet")]
            internal static void Sync(bool quiet) => Library.Tlb.SyncOne();
        }
        """;

    [Fact]
    public void A_friend_project_sees_only_its_own_generated_attributes()
    {
        Compilation library = Generate(Compile("Library", Library));
        Assert.Empty(Problems(library));

        MetadataReference reference = library.ToMetadataReference();
        Compilation friend = Generate(Compile("Library.Tests", FriendTests, reference));

        Assert.Empty(Problems(friend));
    }

    [Fact]
    public void A_project_that_defines_EmbeddedAttribute_itself_gets_no_second_definition()
    {
        const string Own = """
            namespace Microsoft.CodeAnalysis
            {
                [Embedded]
                internal sealed class EmbeddedAttribute : System.Attribute { }
            }
            """;
        string uses = FriendTests
            .Replace("Library.Tlb.FlushTables()", "System.Console.WriteLine()", System.StringComparison.Ordinal)
            .Replace("Library.Tlb.SyncOne()", "System.Console.WriteLine()", System.StringComparison.Ordinal);
        CSharpCompilation input = Compile("Own", Own).AddSyntaxTrees(CSharpSyntaxTree.ParseText(uses, Options));

        Compilation generated = Generate(input, out string[] hintNames);

        Assert.Equal([ContractAttributesGenerator.HintName], hintNames);
        Assert.Empty(Problems(generated));
    }

    private static CSharpParseOptions Options => AnalysisSettings.Default.ParseOptions;

    private static CSharpCompilation Compile(string name, string source, params MetadataReference[] references) =>
        CSharpCompilation.Create(
            name,
            [CSharpSyntaxTree.ParseText(source, Options)],
            [.. TargetingPack.References, .. references],
            AnalysisSettings.Default.CompilationOptions);

    private static Compilation Generate(CSharpCompilation compilation) => Generate(compilation, out _);

    private static Compilation Generate(CSharpCompilation compilation, out string[] hintNames)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ContractAttributesGenerator().AsSourceGenerator()], parseOptions: Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        hintNames = [.. driver.GetRunResult().Results.Single().GeneratedSources.Select(source => source.HintName)];
        return generated;
    }

    /// <summary>Warnings and errors, as a warnings-as-errors build would fail on them.</summary>
    private static string[] Problems(Compilation compilation) =>
        [.. compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString())];
}
