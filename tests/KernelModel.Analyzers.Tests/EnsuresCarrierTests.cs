using System.Threading.Tasks;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// The analyzer reads a method's contracts only when it can carry an <c>[EnsuresTableFlush]</c> obligation; every
/// place the obligation can come from must still count: the method's own attribute, a method it overrides, and an
/// interface member it implements implicitly or explicitly.
/// </summary>
public class EnsuresCarrierTests
{
    [Fact]
    public async Task Every_place_an_Ensures_obligation_comes_from_is_checked()
    {
        const string Source = """
            namespace Cases.Carriers;

            public interface IFlusher
            {
                /// <summary>Flushes the address space, freeing page-table caches.</summary>
                [EnsuresTableFlush]
                void FlushAll(MmStruct mm);
            }

            public sealed class Explicit : IFlusher
            {
                void IFlusher.FlushAll(MmStruct mm) // expect: TLB005
                {
                }
            }

            public sealed class Implicit : IFlusher
            {
                public void FlushAll(MmStruct mm) // expect: TLB005
                {
                }
            }

            public abstract class Base
            {
                /// <summary>Flushes the address space.</summary>
                [EnsuresTableFlush]
                public virtual void FlushAll(MmStruct mm) => K.FlushTlbMm(mm);
            }

            public sealed class Overriding : Base
            {
                public override void FlushAll(MmStruct mm) // expect: TLB005
                {
                }
            }

            public static class Own
            {
                /// <summary>Claims a flush it never does.</summary>
                [EnsuresTableFlush]
                public static void FlushAll(MmStruct mm) // expect: TLB005
                {
                }

                public static void NoObligation(MmStruct mm)
                {
                }
            }
            """;
        AnalysisOutcome outcome = await AnalysisRunner.RunAsync(
            [(ConformanceCases.ApiFile, ConformanceCases.Text(ConformanceCases.ApiFile)), ("Carriers.cs", Source)],
            AnalysisSettings.Default);
        FileDiagnostics.AssertExactly(outcome, "Carriers.cs", ExpectComments.Parse(Source));
    }
}
