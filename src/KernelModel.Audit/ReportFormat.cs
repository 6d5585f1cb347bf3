namespace KernelModel.Audit;

/// <summary>The output formats of <c>--format</c>.</summary>
internal enum ReportFormat
{
    /// <summary>Aligned text for the terminal.</summary>
    Text,

    /// <summary>Markdown for a pull request.</summary>
    Markdown,

    /// <summary>JSON, complete, sorted and stable.</summary>
    Json,

    /// <summary>SARIF 2.1.0, the justification chains as code flows.</summary>
    Sarif,

    /// <summary>One self-contained HTML page with the proof graphs drawn.</summary>
    Html,
}
