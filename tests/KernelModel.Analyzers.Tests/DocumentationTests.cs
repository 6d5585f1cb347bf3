using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KernelModel.Analyzers.Tests;

/// <summary>
/// Every rule the analyzer declares has its page in docs/rules/, and the page agrees with the descriptor, as in
/// IDisposableAnalyzers' DocumentationTests: the heading is <c># ID: Title</c>, the page states the default
/// severity and the category, the index lists the rule, and the descriptor's help link points at the page.
/// Titles and severities live in one registry (Descriptors.cs); these tests keep the docs from drifting from it.
/// </summary>
public class DocumentationTests
{
    private const string RulesFolder = "docs/rules";

    public static IEnumerable<object[]> RuleIds =>
        ProductAnalyzers.Descriptors.Select(descriptor => new object[] { descriptor.Id });

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_page(string id) =>
        Assert.True(File.Exists(PagePath(id)), $"{RulesFolder}/{id}.md is missing.");

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_heading_is_the_id_and_the_descriptor_title(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        Assert.Equal($"# {id}: {descriptor.Title}", Page(id)[0]);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_states_the_default_severity(string id) =>
        Assert.Contains($"Severity: {Descriptor(id).DefaultSeverity}", Page(id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_states_the_category(string id) =>
        Assert.Contains($"Category: {Descriptor(id).Category}", Page(id));

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_has_a_description_for_SARIF_and_rule_lists(string id)
    {
        string description = Descriptor(id).Description.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(description.Length > Descriptor(id).Title.ToString(System.Globalization.CultureInfo.InvariantCulture).Length, $"{id} has no description beyond its title.");
        Assert.EndsWith(".", description, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Help_link_is_the_rule_page_under_the_one_base_declared_in_Directory_Build_props(string id)
    {
        string repository = System.Xml.Linq.XDocument.Load(RepositoryRoot.Combine("Directory.Build.props"))
            .Descendants("RepositoryUrl").Single().Value.Trim();
        Assert.Equal(repository + "/blob/main/docs/rules/", Descriptors.HelpRoot);
        Assert.Equal(Descriptors.HelpRoot + id + ".md", Descriptor(id).HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Help_link_points_at_the_page(string id)
    {
        string helpLink = Descriptor(id).HelpLinkUri;
        Assert.True(
            helpLink.EndsWith($"{RulesFolder}/{id}.md", StringComparison.Ordinal),
            $"{id}'s help link '{helpLink}' does not end with {RulesFolder}/{id}.md.");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Rule_index_lists_the_rule_with_its_title_and_severity(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string[] index = File.ReadAllLines(RepositoryRoot.Combine($"{RulesFolder}/README.md"));
        Assert.Contains($"| {id} | {descriptor.Title} | {descriptor.DefaultSeverity} | [{id}.md]({id}.md) |", index);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_has_the_sections_a_user_looks_for(string id)
    {
        string[] page = Page(id);
        foreach (string section in new[] { "## What it reports", "## Why it matters", "## Examples", "## How to fix", "## Configuration" })
        {
            Assert.True(page.Contains(section), $"{id}.md has no '{section}' section.");
        }

        Assert.True(page.Any(line => line.StartsWith("Fixed", StringComparison.Ordinal)), $"{id}.md shows no fixed (compliant) example.");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Page_shows_how_to_suppress_with_a_justification(string id)
    {
        string page = string.Join("\n", Page(id));
        Assert.Contains($"#pragma warning disable {id}", page, StringComparison.Ordinal);
        Assert.Contains($"[SuppressMessage(\"{Descriptor(id).Category}\", \"{id}\", Justification = ", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Readme_rules_table_links_the_page_with_title_and_default_severity(string id)
    {
        DiagnosticDescriptor descriptor = Descriptor(id);
        string row = $"| [{id}]({RulesFolder}/{id}.md) | {descriptor.DefaultSeverity.ToString().ToLowerInvariant()} | {descriptor.Title} |";
        Assert.Contains(File.ReadAllLines(RepositoryRoot.Combine("README.md")), line => line.StartsWith(row, StringComparison.Ordinal));
    }

    private static DiagnosticDescriptor Descriptor(string id) =>
        ProductAnalyzers.Descriptors.Single(descriptor => descriptor.Id == id);

    private static string PagePath(string id) => RepositoryRoot.Combine($"{RulesFolder}/{id}.md");

    /// <summary>The page's lines, trimmed; a missing page fails with its name rather than a file exception.</summary>
    private static string[] Page(string id)
    {
        Assert.True(File.Exists(PagePath(id)), $"{RulesFolder}/{id}.md is missing.");
        return File.ReadAllLines(PagePath(id)).Select(line => line.Trim()).ToArray();
    }
}
