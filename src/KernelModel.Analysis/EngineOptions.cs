using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace KernelModel.Analysis;

/// <summary>
/// The engine's configuration (SPEC §7): which methods sync and flush, which parameters are flush flags, and
/// the bounds. Names are stored normalised (<see cref="Names.Normalize"/>).
/// </summary>
public sealed class EngineOptions : IEquatable<EngineOptions>
{
    /// <summary>The key listing the sync methods.</summary>
    public const string SyncMethodsKey = "tlb_analysis.sync_methods";

    /// <summary>The key listing the flush primitives.</summary>
    public const string FlushPrimitivesKey = "tlb_analysis.flush_primitives";

    /// <summary>The key listing the flush flag parameters.</summary>
    public const string FlushFlagParametersKey = "tlb_analysis.flush_flag_parameters";

    /// <summary>The key listing the broadcast checks that make the sync methods' own requirement vacuous when false (SPEC §4).</summary>
    public const string BroadcastChecksKey = "tlb_analysis.broadcast_checks";

    /// <summary>The key bounding summary depth.</summary>
    public const string MaxSummaryDepthKey = "tlb_analysis.max_summary_depth";

    /// <summary>The key bounding the states kept per program point.</summary>
    public const string MaxStatesKey = "tlb_analysis.max_states";

    /// <summary>The key that lets callee summaries be reused from one compilation to the next (in the editor).</summary>
    public const string ReuseSummariesKey = "tlb_analysis.reuse_summaries";

    /// <summary>Every <c>tlb_analysis.*</c> key of SPEC §7; any other key with that prefix is a misspelling.</summary>
    public static ImmutableArray<string> Keys { get; } = ImmutableArray.Create(
        SyncMethodsKey, FlushPrimitivesKey, FlushFlagParametersKey, BroadcastChecksKey, MaxSummaryDepthKey, MaxStatesKey, ReuseSummariesKey);

    private const string DefaultSyncMethods = "TlbRemoveTableSyncOne, TlbRemoveTableSyncRcu";
    private const string DefaultFlushPrimitives = "FlushTlbMmRange";
    private const string DefaultFlagParameters = "freedTables, unsharedTables, wakeLazyCpus";
    private const string DefaultBroadcastChecks = "TlbTableFlushImpliesIpiBroadcast";
    private const int DefaultMaxSummaryDepth = 16;
    private const int DefaultMaxStates = 16;

    private readonly HashSet<string> _syncLookup;
    private readonly HashSet<string> _flushLookup;
    private readonly HashSet<string> _flagLookup;

    /// <summary>The defaults of SPEC §7.</summary>
    public static EngineOptions Default { get; } = new(
        ParseNames(DefaultSyncMethods),
        ParseNames(DefaultFlushPrimitives),
        ParseNames(DefaultFlagParameters),
        ParseNames(DefaultBroadcastChecks),
        DefaultMaxSummaryDepth,
        DefaultMaxStates);

    private EngineOptions(
        ImmutableHashSet<string> syncMethods,
        ImmutableHashSet<string> flushPrimitives,
        ImmutableHashSet<string> flagParameters,
        ImmutableHashSet<string> broadcastChecks,
        int maxSummaryDepth,
        int maxStates,
        bool reuseSummaries = true)
    {
        SyncMethods = syncMethods;
        FlushPrimitives = flushPrimitives;
        FlagParameters = flagParameters;
        BroadcastChecks = broadcastChecks;

        // The engine asks about every call it meets; these answer without normalising the asked name first.
        _syncLookup = new HashSet<string>(syncMethods, Names.Comparer);
        _flushLookup = new HashSet<string>(flushPrimitives, Names.Comparer);
        _flagLookup = new HashSet<string>(flagParameters, Names.Comparer);
        MaxSummaryDepth = maxSummaryDepth;
        MaxStates = maxStates;
        ReuseSummaries = reuseSummaries;
    }

    /// <summary>Normalised names of the sync methods.</summary>
    public ImmutableHashSet<string> SyncMethods { get; }

    /// <summary>Normalised names of the flush primitives.</summary>
    public ImmutableHashSet<string> FlushPrimitives { get; }

    /// <summary>Normalised names of the flush primitives' flag parameters.</summary>
    public ImmutableHashSet<string> FlagParameters { get; }

    /// <summary>
    /// Normalised names of the broadcast checks: parameterless static bool methods that, when definitely false where a
    /// sync method is called, mean the sync sends its own IPI and needs no prior flush (SPEC §4). May be empty.
    /// </summary>
    public ImmutableHashSet<string> BroadcastChecks { get; }

    /// <summary>How deep summaries nest before calls become unknown.</summary>
    public int MaxSummaryDepth { get; }

    /// <summary>How many abstract states a program point keeps before they are joined.</summary>
    public int MaxStates { get; }

    /// <summary>
    /// Whether callee summaries computed for one compilation may serve the next one of the same project when the trees
    /// they read are unchanged (<c>SummaryStore</c>; on by default). Off, every compilation computes its own.
    /// </summary>
    public bool ReuseSummaries { get; }

    /// <summary>
    /// Reads the options from configuration values, falling back to the default for every value that is
    /// invalid and describing it in <paramref name="problems"/>.
    /// </summary>
    /// <param name="lookup">Returns the raw value of a key, or null when it is not set.</param>
    /// <param name="problems">Receives one entry per invalid value, and one per misspelled key.</param>
    /// <param name="keys">Every key set, when known, to find misspelled <c>tlb_analysis.*</c> keys among them.</param>
    /// <returns>The options.</returns>
    public static EngineOptions Read(Func<string, string?> lookup, List<OptionProblem> problems, IEnumerable<string>? keys = null)
    {
        if (keys is not null)
        {
            UnknownKeys.Find(keys, lookup, problems);
        }

        ImmutableHashSet<string> sync = ReadNames(lookup, SyncMethodsKey, DefaultSyncMethods, problems);
        ImmutableHashSet<string> flush = ReadNames(lookup, FlushPrimitivesKey, DefaultFlushPrimitives, problems);
        ImmutableHashSet<string> flags = ReadNames(lookup, FlushFlagParametersKey, DefaultFlagParameters, problems);
        ImmutableHashSet<string> checks = ReadNames(lookup, BroadcastChecksKey, DefaultBroadcastChecks, problems, allowEmpty: true);
        int depth = ReadBound(lookup, MaxSummaryDepthKey, DefaultMaxSummaryDepth, 0, 64, problems);
        int states = ReadBound(lookup, MaxStatesKey, DefaultMaxStates, 1, 256, problems);
        bool reuse = ReadSwitch(lookup, ReuseSummariesKey, fallback: true, problems);
        var options = new EngineOptions(sync, flush, flags, checks, depth, states, reuse);
        return options.Equals(Default) ? Default : options;
    }

    /// <summary>Whether <paramref name="name"/> names a sync method.</summary>
    /// <param name="name">A method name as written.</param>
    /// <returns>True when it matches.</returns>
    public bool IsSyncMethod(string name) => _syncLookup.Contains(name);

    /// <summary>Whether <paramref name="name"/> names a flush primitive.</summary>
    /// <param name="name">A method name as written.</param>
    /// <returns>True when it matches.</returns>
    public bool IsFlushPrimitive(string name) => _flushLookup.Contains(name);

    /// <summary>Whether <paramref name="name"/> names a flush flag parameter.</summary>
    /// <param name="name">A parameter name as written.</param>
    /// <returns>True when it matches.</returns>
    public bool IsFlagParameter(string name) => _flagLookup.Contains(name);

    /// <summary>Whether <paramref name="name"/> names a broadcast check.</summary>
    /// <param name="name">A method name as written.</param>
    /// <returns>True when it matches.</returns>
    public bool IsBroadcastCheck(string name) => BroadcastChecks.Contains(Names.Normalize(name));

    /// <inheritdoc />
    public bool Equals(EngineOptions? other) =>
        other is not null &&
        SyncMethods.SetEquals(other.SyncMethods) &&
        FlushPrimitives.SetEquals(other.FlushPrimitives) &&
        FlagParameters.SetEquals(other.FlagParameters) &&
        BroadcastChecks.SetEquals(other.BroadcastChecks) &&
        MaxSummaryDepth == other.MaxSummaryDepth &&
        MaxStates == other.MaxStates &&
        ReuseSummaries == other.ReuseSummaries;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as EngineOptions);

    /// <inheritdoc />
    public override int GetHashCode() => (MaxSummaryDepth * 397) ^ MaxStates ^ SyncMethods.Count;

    private static ImmutableHashSet<string> ParseNames(string text) =>
        text.Split(',').Select(part => part.Trim()).Where(part => part.Length > 0).Select(Names.Normalize).ToImmutableHashSet(StringComparer.Ordinal);

    private static ImmutableHashSet<string> ReadNames(Func<string, string?> lookup, string key, string fallback, List<OptionProblem> problems, bool allowEmpty = false)
    {
        string? raw = lookup(key);
        if (raw is null)
        {
            return ParseNames(fallback);
        }

        if (allowEmpty && raw.Trim().Length == 0)
        {
            // An empty list is meaningful here: no broadcast check, so every sync requires a prior flush.
            return ImmutableHashSet<string>.Empty;
        }

        string[] parts = raw.Split(',').Select(part => part.Trim()).ToArray();
        string? bad = parts.FirstOrDefault(part => part.Length == 0 || !part.All(c => char.IsLetterOrDigit(c) || c == '_') || char.IsDigit(part[0]));
        if (bad is not null)
        {
            string reason = bad.Length == 0
                ? "expected a comma-separated list of identifiers, found an empty entry"
                : $"'{bad}' is not an identifier";
            problems.Add(new OptionProblem(key, raw, reason, fallback));
            return ParseNames(fallback);
        }

        return ParseNames(raw);
    }

    private static bool ReadSwitch(Func<string, string?> lookup, string key, bool fallback, List<OptionProblem> problems)
    {
        string? raw = lookup(key);
        if (raw is null)
        {
            return fallback;
        }

        if (!bool.TryParse(raw.Trim(), out bool value))
        {
            problems.Add(new OptionProblem(key, raw, "expected true or false", fallback ? "true" : "false"));
            return fallback;
        }

        return value;
    }

    private static int ReadBound(Func<string, string?> lookup, string key, int fallback, int min, int max, List<OptionProblem> problems)
    {
        string? raw = lookup(key);
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            problems.Add(new OptionProblem(key, raw, $"expected a whole number from {min} to {max}", fallback.ToString(CultureInfo.InvariantCulture)));
            return fallback;
        }

        return value;
    }
}

/// <summary>An invalid configuration value, or a <c>tlb_analysis.*</c> key that does not exist.</summary>
/// <param name="Key">The configuration key.</param>
/// <param name="Value">The value as written.</param>
/// <param name="Reason">What is wrong with it.</param>
/// <param name="Fallback">The default used instead, or null when the key itself is unknown and so ignored.</param>
public sealed record OptionProblem(string Key, string Value, string Reason, string? Fallback)
{
    /// <summary>What is wrong, as the rest of a sentence that starts with the key.</summary>
    /// <returns>For example <c>has invalid value 'x': …; using the default '16'</c>.</returns>
    public string Describe() => Fallback is null
        ? $"is not a tlb_analysis key ({Reason}), so its value '{Value}' is ignored"
        : $"has invalid value '{Value}': {Reason}; using the default '{Fallback}'";
}
