using System.Diagnostics;
using System.Globalization;
using System.Text;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Chaos;

/// <summary>
/// Feeds mutants of the csdef and cscfg fixtures to <see cref="ServiceDefinitionReader.Parse"/> and
/// <see cref="ServiceConfigurationReader.Parse"/>, and what they read to the validator, as <c>validate</c> does:
/// an exception is a crash, an error without a line and column is unlocated, and a file that takes more than
/// <see cref="ChaosLimits.SlowParse"/> is slow. Reports each of those and the slowest files.
/// </summary>
internal static class ModelFuzzScenario
{
    /// <summary>
    /// Runs <paramref name="mutations"/> mutants, each of a random fixture and a random kind. A mutant still being read
    /// after <paramref name="giveUpAfter"/> is reported slow and ends the run (its thread is left to finish on its
    /// own, in the background), so that a reader with no bound on its work cannot hold the run for minutes per file.
    /// </summary>
    public static Result Run(IReadOnlyList<(string Name, string Xml)> fixtures, Random random, int mutations, TimeSpan giveUpAfter)
    {
        var findings = new List<Finding>();
        var timings = new List<(TimeSpan Time, string What)>();
        var total = Stopwatch.StartNew();
        int done = 0;
        for (; done < mutations; done++)
        {
            var (name, xml) = fixtures[random.Next(fixtures.Count)];
            string kind = ModelMutations.Kinds[random.Next(ModelMutations.Kinds.Count)];
            string mutant = ModelMutations.Mutate(xml, kind, random);
            string what = string.Create(CultureInfo.InvariantCulture, $"#{done} {kind} of {name} ({mutant.Length} chars)");
            Finding? finding = null;
            var reader = new Thread(() => finding = Check(name, mutant, what)) { IsBackground = true, Name = "model fuzz " + what };
            var clock = Stopwatch.StartNew();
            reader.Start();
            bool ended = reader.Join(giveUpAfter);
            clock.Stop();
            timings.Add((clock.Elapsed, what));
            if (!ended)
            {
                findings.Add(new Finding("slower than 1 s", what, $"still reading after {giveUpAfter.TotalSeconds:F0} s: the run stopped here"));
                break;
            }

            if (finding is not null)
            {
                findings.Add(finding);
            }

            if (clock.Elapsed > ChaosLimits.SlowParse)
            {
                findings.Add(new Finding("slower than 1 s", what, $"{clock.Elapsed.TotalSeconds:F2} s"));
            }
        }

        return new Result(mutations, Math.Min(done + 1, mutations), total.Elapsed, findings, [.. timings.OrderByDescending(t => t.Time).Take(5)]);
    }

    /// <summary>Reads one mutant: an exception or the first unlocated error, else null.</summary>
    private static Finding? Check(string name, string mutant, string what)
    {
        try
        {
            var unlocated = Read(name, mutant).FirstOrDefault(d => d.IsError && (d.Line <= 0 || d.Column <= 0));
            return unlocated is null ? null : new Finding("unlocated error", what, unlocated.ToString());
        }
        catch (Exception error)
        {
            return new Finding("exception", what, $"{error.GetType().FullName}: {error.Message}");
        }
    }

    /// <summary>The fixtures of a folder (and its subfolders) that the readers read: csdef, csplugin, cscfg.</summary>
    public static IReadOnlyList<(string Name, string Xml)> LoadFixtures(string directory) =>
        [.. Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".csdef", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".cscfg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".csplugin", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllText(path)))];

    private static IEnumerable<Diagnostic> Read(string name, string xml)
    {
        if (name.EndsWith(".cscfg", StringComparison.OrdinalIgnoreCase))
        {
            var configuration = ServiceConfigurationReader.Parse(xml, name);
            return configuration.Value is null ? configuration.Diagnostics : [.. configuration.Diagnostics, .. ServiceModelValidator.ValidateConfiguration(configuration.Value)];
        }

        var definition = ServiceDefinitionReader.Parse(xml, name);
        return definition.Value is null ? definition.Diagnostics : [.. definition.Diagnostics, .. ServiceModelValidator.ValidateDefinition(definition.Value)];
    }

    /// <summary>A mutant the readers got wrong: how (exception, unlocated error, slow), which, and the detail.</summary>
    public sealed record Finding(string Problem, string Mutant, string Detail);

    /// <summary>The figures of one run.</summary>
    public sealed record Result(int Mutations, int Read, TimeSpan Elapsed, IReadOnlyList<Finding> Findings, IReadOnlyList<(TimeSpan Time, string What)> Slowest)
    {
        public int Count(string problem) => Findings.Count(f => f.Problem == problem);

        private static string Shape(string detail)
        {
            int said = detail.IndexOf(": error: ", StringComparison.Ordinal);
            return System.Text.RegularExpressions.Regex.Replace(said < 0 ? detail : detail[(said + 9)..], "[0-9]+", "N");
        }

        public string ToMarkdown()
        {
            var text = new StringBuilder();
            text.AppendLine("### Fuzz of the csdef and cscfg readers (`chaos model-fuzz`)");
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{Read} of {Mutations} mutants of the fixtures in `Tests/Fixtures/ServiceModel` (kinds: {string.Join(", ", ModelMutations.Kinds)}) read and validated, in {Elapsed.TotalSeconds:F1} s{(Read < Mutations ? "; the run stopped at a mutant that was still being read" : "")}.");
            text.AppendLine();
            text.AppendLine("| figure | value | target |");
            text.AppendLine("|---|---|---|");
            text.AppendLine(CultureInfo.InvariantCulture, $"| exceptions | {Count("exception")} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| errors without a line and column | {Count("unlocated error")} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| mutants slower than 1 s | {Count("slower than 1 s")} | 0 |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| slowest | {(Slowest.Count > 0 ? $"{Slowest[0].Time.TotalMilliseconds:F0} ms ({Slowest[0].What})" : "-")} | < 1000 ms |");
            text.AppendLine();
            text.AppendLine("Slowest five: " + string.Join("; ", Slowest.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Time.TotalMilliseconds:F0} ms {s.What}"))) + ".");
            foreach (var problem in Findings.GroupBy(f => f.Problem))
            {
                // Grouped by what was said, numbers and file names aside, so that one cause shows once with its count.
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture, $"{problem.Key} ({problem.Count()}), by message, with one mutant each:");
                text.AppendLine();
                foreach (var same in problem.GroupBy(f => Shape(f.Detail)).OrderByDescending(g => g.Count()))
                {
                    var first = same.First();
                    text.AppendLine(CultureInfo.InvariantCulture, $"- × {same.Count()}: {first.Mutant}: {first.Detail.Replace('\n', ' ')}");
                }
            }

            return text.ToString();
        }
    }
}
