using System.Collections.Immutable;

namespace KernelModel.Audit;

/// <summary>The path on which a site's requirement fails, as the analyzer's diagnostic explains it.</summary>
/// <param name="Sentence">The explanation, as it follows "but" in the diagnostic message.</param>
/// <param name="Steps">The recorded steps of the path, oldest first.</param>
internal sealed record AuditWitness(string Sentence, ImmutableArray<WitnessStep> Steps);

/// <summary>One step of a witness path.</summary>
/// <param name="Kind">What happened: branch, non-qualifying-flush, unknown-call, callee-did-not-flush, flag-written, construction (the constructor an initializer runs in).</param>
/// <param name="At">Where.</param>
/// <param name="Text">The condition, call or argument as written.</param>
/// <param name="Detail">What it means for the path: the direction taken, the flag value, the callee's reason.</param>
internal sealed record WitnessStep(string Kind, SourceSpot At, string Text, string Detail);
