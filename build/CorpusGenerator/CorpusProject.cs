using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace KernelModel.CorpusGenerator;

/// <summary>
/// Writes a corpus to disk as a self-contained project: its sources, a csproj that loads the analyzer from built
/// assemblies (as the package would), empty Directory.*.props files so that no settings of an enclosing folder leak
/// in, and <c>expected.tsv</c>, the seeded violations as "path, line, id" for comparison with the build's warnings.
/// </summary>
public static class CorpusProject
{
    /// <summary>The project file's name.</summary>
    public const string ProjectFileName = "Corpus.csproj";

    /// <summary>The expectations file's name.</summary>
    public const string ExpectationsFileName = "expected.tsv";

    /// <summary>Writes the project. The folder is emptied of earlier sources first.</summary>
    /// <param name="folder">Where to write.</param>
    /// <param name="files">The corpus.</param>
    /// <param name="analyzerFolder">The folder holding KernelModel.Analyzers.dll and KernelModel.Analysis.dll.</param>
    public static void Write(string folder, IReadOnlyCollection<CorpusFile> files, string analyzerFolder)
    {
        Directory.CreateDirectory(folder);
        foreach (string old in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).ToArray())
        {
            File.Delete(old);
        }

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (CorpusFile file in files)
        {
            string path = Path.Combine(folder, file.Path.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Text, utf8);
        }

        string analyzers = Path.GetFullPath(analyzerFolder);
        File.WriteAllText(Path.Combine(folder, ProjectFileName), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <!-- A generated kernel-model corpus (build/CorpusGenerator). Its seeded violations are warnings on purpose. -->
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <!-- Only the compiler and this analyzer run, so that the analyzer's share is not diluted by others. -->
                <EnableNETAnalyzers>false</EnableNETAnalyzers>
                <EnforceCodeStyleInBuild>false</EnforceCodeStyleInBuild>
                <GenerateDocumentationFile>false</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <Analyzer Include="{analyzers}/KernelModel.Analyzers.dll" />
                <Analyzer Include="{analyzers}/KernelModel.Analysis.dll" />
              </ItemGroup>
            </Project>

            """, utf8);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />\n", utf8);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />\n", utf8);
        File.WriteAllText(
            Path.Combine(folder, "Directory.Packages.props"),
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n",
            utf8);

        var expectations = new StringBuilder();
        foreach ((string path, int line, string id) in KernelModelCorpus.Expectations(files))
        {
            expectations.Append(path).Append('\t').Append(line).Append('\t').Append(id).Append('\n');
        }

        File.WriteAllText(Path.Combine(folder, ExpectationsFileName), expectations.ToString(), utf8);
    }
}
