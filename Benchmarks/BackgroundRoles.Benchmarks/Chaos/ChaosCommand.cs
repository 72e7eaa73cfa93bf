using System.Globalization;
using BackgroundRoles.Chaos;

namespace BackgroundRoles.Benchmarks.Chaos;

/// <summary>
/// <c>chaos [kill|outage|poison|http-fuzz|model-fuzz] [--seed N] [--jobs N] [--kills N] [--outage-seconds N]
/// [--requests N] [--mutations N]</c>: the chaos suite of issue 9, each scenario alone or all in turn, on one
/// <c>./cloudservice run</c> (1 web, 2 worker instances) over an Azurite of its own. Prints Markdown for
/// RELIABILITY.md. Every scenario draws from a random seeded with <c>--seed</c> (printed), so a run can be repeated.
/// </summary>
internal static class ChaosCommand
{
    public const string Verb = "chaos";

    public const string Usage =
        "chaos [kill|outage|poison|http-fuzz|model-fuzz] [--seed N] [--jobs N] [--kills N] [--outage-seconds N] [--requests N] [--mutations N]";

    private static readonly string[] Scenarios = ["kill", "outage", "poison", "http-fuzz", "model-fuzz"];
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    /// <summary>How long one mutant may be read before the model fuzz stops there (it is reported slow either way).</summary>
    private static readonly TimeSpan ParseGiveUp = TimeSpan.FromMinutes(2);

    /// <summary>Runs the scenarios <paramref name="args"/> (after the verb) name; 2 on a usage error.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryRead(args.AsSpan(1), out var options))
        {
            Console.Error.WriteLine("usage: BackgroundRoles.Benchmarks " + Usage);
            return 2;
        }

        string root = RepoRoot.Find();
        Environment.CurrentDirectory = root;
        string[] shown = options.Seeded ? args : [.. args, "--seed", options.Seed.ToString(CultureInfo.InvariantCulture)];
        Console.WriteLine(Report.Header(shown));
        Console.WriteLine($"- seed: {options.Seed.ToString(CultureInfo.InvariantCulture)} (`--seed`: the same requests, mutations, bad messages and kill choices again)");
        Console.WriteLine();
        var load = MachineLoad.Start();
        IReadOnlyList<string> run = options.Scenario is { } one ? [one] : Scenarios;
        if (run.Contains("model-fuzz"))
        {
            var fixtures = ModelFuzzScenario.LoadFixtures(Path.Combine(root, "Tests", "Fixtures", "ServiceModel"));
            Console.WriteLine(ModelFuzzScenario.Run(fixtures, new Random(options.Seed), options.Mutations, ParseGiveUp).ToMarkdown());
        }

        if (run.Any(scenario => scenario != "model-fuzz"))
        {
            await RunServiceScenariosAsync(root, run, options).ConfigureAwait(false);
        }

        Console.WriteLine(load.Describe());
        return 0;
    }

    private static async Task RunServiceScenariosAsync(string root, IReadOnlyList<string> run, Options options)
    {
        await using var service = await EmulatorChaosService.StartAsync(root).ConfigureAwait(false);
        if (run.Contains("http-fuzz"))
        {
            Console.WriteLine((await HttpFuzzScenario.RunAsync(service.WebUrl, new Random(options.Seed), options.Requests).ConfigureAwait(false)).ToMarkdown());
        }

        if (run.Contains("poison"))
        {
            Console.WriteLine((await PoisonStormScenario.RunAsync(service, new Random(options.Seed), options.Jobs, DrainTimeout).ConfigureAwait(false)).ToMarkdown());
        }

        if (run.Contains("kill"))
        {
            Console.WriteLine((await KillScenario.RunAsync(service, new Random(options.Seed), options.Jobs, options.Kills, DrainTimeout).ConfigureAwait(false)).ToMarkdown());
        }

        if (run.Contains("outage"))
        {
            var outage = TimeSpan.FromSeconds(options.OutageSeconds);
            Console.WriteLine((await OutageScenario.RunAsync(service, new Random(options.Seed), outage, DrainTimeout).ConfigureAwait(false)).ToMarkdown());
        }
    }

    private sealed record Options(string? Scenario = null, int Seed = 0, bool Seeded = false, int Jobs = 200, int Kills = 5, int OutageSeconds = 15, int Requests = 2000, int Mutations = 5000);

    private static bool TryRead(ReadOnlySpan<string> args, out Options options)
    {
        options = new Options(Seed: Random.Shared.Next());
        if (args.Length > 0 && Scenarios.Contains(args[0]))
        {
            options = options with { Scenario = args[0] };
            args = args[1..];
        }

        for (int i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value))
            {
                return false;
            }

            options = args[i] switch
            {
                "--seed" => options with { Seed = value, Seeded = true },
                "--jobs" when value >= 10 => options with { Jobs = value },
                "--kills" => options with { Kills = value },
                "--outage-seconds" when value >= 1 => options with { OutageSeconds = value },
                "--requests" when value >= 1 => options with { Requests = value },
                "--mutations" when value >= 1 => options with { Mutations = value },
                _ => null!,
            };
            if (options is null)
            {
                return false;
            }
        }

        return true;
    }
}
