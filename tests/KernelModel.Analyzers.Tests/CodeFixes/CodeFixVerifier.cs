using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace KernelModel.Analyzers.Tests.CodeFixes;

/// <summary>
/// Before/after tests of a code fix with Microsoft.CodeAnalysis.Testing: the markup in the code before names the
/// diagnostics, the code after must be what the fix produces, must compile, and must carry no diagnostic of the
/// analyzer beyond those it names; Fix All in document, project and solution scope runs too and must produce
/// the same code. Every test project gets the kernel model of Prelude/Kernel.cs and the SDK's targeting pack,
/// as <see cref="TableFlushVerifier"/> does.
/// </summary>
/// <typeparam name="TAnalyzer">The analyzer that reports the diagnostics.</typeparam>
/// <typeparam name="TCodeFix">The code fix provider under test.</typeparam>
public static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Checks that the first fix offered turns <paramref name="before"/> into <paramref name="after"/>.</summary>
    /// <param name="before">The code with markup for its diagnostics.</param>
    /// <param name="after">The fixed code, with markup for any diagnostic that must remain.</param>
    /// <param name="equivalenceKey">The fix to apply, when not the first one offered.</param>
    /// <returns>A task that fails the test on a mismatch.</returns>
    public static Task VerifyAsync(string before, string after, string? equivalenceKey = null)
    {
        var test = new Test { TestCode = before, FixedCode = after, CodeActionEquivalenceKey = equivalenceKey };
        return test.RunAsync();
    }

    /// <summary>Checks that no fix of <paramref name="equivalenceKey"/> (or none at all) is offered for the diagnostics in <paramref name="code"/>.</summary>
    /// <param name="code">The code with markup for its diagnostics.</param>
    /// <param name="equivalenceKey">The fix that must not be offered, or null for every fix.</param>
    /// <returns>A task that fails the test if the fix changes the code.</returns>
    public static Task VerifyNotOfferedAsync(string code, string? equivalenceKey = null)
    {
        var test = new Test { TestCode = code, FixedCode = code, CodeActionEquivalenceKey = equivalenceKey };
        return test.RunAsync();
    }

    /// <summary>The test, with the kernel model and offline references in place.</summary>
    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        /// <summary>Creates a test compiled against the running runtime's targeting pack.</summary>
        public Test()
        {
            ReferenceAssemblies = new ReferenceAssemblies($"net{Environment.Version.Major}.0");
            TestState.AdditionalReferences.AddRange(TargetingPack.References);
            TestState.Sources.Add((TableFlushVerifier.PreludePath, TableFlushVerifier.Prelude));
            FixedState.Sources.Add((TableFlushVerifier.PreludePath, TableFlushVerifier.Prelude));

            // The suggestion to promise a flush (TLB007) fires on the prelude's own wrappers and the proof (TLB008) on
            // every safe call; tests of other fixes leave them out, and the prelude is kept out of TLB007's (see
            // TableFlushVerifier.PreludeWithoutPromises).
            var fixes = new TCodeFix().FixableDiagnosticIds;
            DisabledDiagnostics.AddRange(new[] { "TLB007", "TLB008" }.Where(id => !fixes.Contains(id)));
            TestState.AnalyzerConfigFiles.Add(("/.editorconfig", TableFlushVerifier.PreludeWithoutPromises));
            FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", TableFlushVerifier.PreludeWithoutPromises));

            // Markup in the code after a fix names diagnostics that must remain (a caller now reported, say).
            FixedState.MarkupHandling = MarkupMode.Allow;
            SolutionTransforms.Add(static (solution, projectId) =>
            {
                Project project = solution.GetProject(projectId)!;
                return solution
                    .WithProjectCompilationOptions(projectId, ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable))
                    .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Latest));
            });
        }
    }
}
