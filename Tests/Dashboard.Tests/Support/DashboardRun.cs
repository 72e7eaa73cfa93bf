using System.Text.RegularExpressions;
using BackgroundRoles.Tests;
using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>
/// <c>./cloudservice run</c> of the repository's service (one web and one worker instance) on the test Azurite,
/// and a headless chromium signed in to its dashboard through the login link <c>run</c> printed. Every page opened
/// records each instance state it ever shows (<c>window.seenStates</c>), so a state shown for a moment is not missed.
/// </summary>
internal sealed partial class DashboardRun : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private const string StateRecorder = """
        window.seenStates = [];
        new MutationObserver(() => {
          for (const node of document.querySelectorAll("[data-instance-state]")) {
            const entry = node.dataset.instanceState + ":" + node.textContent;
            const last = window.seenStates.filter(s => s.startsWith(node.dataset.instanceState + ":")).pop();
            if (last !== entry) { window.seenStates.push(entry); }
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
        """;

    private DashboardRun(ServiceCopy service, CliProcess run, BrowserSession browser, Uri login)
    {
        Service = service;
        Run = run;
        Browser = browser;
        LoginUrl = login;
    }

    public ServiceCopy Service { get; }

    public CliProcess Run { get; }

    public BrowserSession Browser { get; }

    public Uri LoginUrl { get; }

    public Uri Url => new(LoginUrl.GetLeftPart(UriPartial.Authority) + "/");

    /// <summary>
    /// The queue the run's one autoscale rule follows, for the web role (the tests scale the worker role by hand): 1 to 1
    /// instances, so no length ever changes the count, and the rule's view shows what it read.
    /// </summary>
    public const string AutoscaleQueue = "dashboard-autoscale-probe";

    public const int AutoscaleMessagesPerInstance = 1000;

    /// <param name="autoscale">False to start it with <c>--no-autoscale</c> (the rules file is written all the same).</param>
    public static async Task<DashboardRun> StartAsync(bool autoscale = true)
    {
        var service = new ServiceCopy(new Dictionary<string, string> { ["StorageConnectionString"] = TestAzurite.ConnectionString });
        File.WriteAllText(Path.Combine(service.Directory, "ServiceConfiguration.Autoscale.json"), $$"""
            { "roles": { "WebRole": { "minInstances": 1, "maxInstances": 1,
              "queues": [ { "name": "{{AutoscaleQueue}}", "messagesPerInstance": {{AutoscaleMessagesPerInstance}} } ] } } }
            """);
        var run = autoscale ? CliProcess.Start(service.Directory, "run") : CliProcess.Start(service.Directory, "run", "--no-autoscale");
        BrowserSession? browser = null;
        try
        {
            var line = await run.WaitForLineAsync(l => DashboardLine().IsMatch(l), Timeout);
            var login = new Uri(DashboardLine().Match(line).Groups["url"].Value);
            Assert.AreEqual("127.0.0.1", login.Host, "the dashboard listens on loopback only");
            browser = await HeadlessChromium.LaunchAsync();
            await browser.Context.AddInitScriptAsync(StateRecorder);
            var dashboard = new DashboardRun(service, run, browser, login);
            await dashboard.LoginAsync();
            return dashboard;
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            await StopAsync(run);
            service.Dispose();
            throw;
        }
    }

    /// <summary>Opens the login link: the session cookie is set and the browser lands on the overview.</summary>
    public async Task LoginAsync()
    {
        var page = await Browser.Context.NewPageAsync();
        var response = await page.GotoAsync(LoginUrl.ToString());
        Assert.AreEqual(Url + string.Empty, page.Url, "the login link sends the browser on without the token");
        Assert.AreEqual(200, response!.Status);
        await page.CloseAsync();
    }

    /// <summary>A new page at <paramref name="path"/>.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.Context.NewPageAsync();
        await page.GotoAsync(new Uri(Url, path).ToString());
        return page;
    }

    /// <summary>Waits until the page shows every one of <paramref name="instances"/> in <paramref name="state"/>.</summary>
    public static async Task WaitForStatesAsync(IPage page, string state, params string[] instances)
    {
        foreach (var instance in instances)
        {
            await Assertions.Expect(page.Locator($"[data-instance-state='{instance}']")).ToHaveTextAsync(state, new() { Timeout = (float)Timeout.TotalMilliseconds });
        }
    }

    /// <summary>Every state the page showed <paramref name="instance"/> in, in order.</summary>
    public static async Task<IReadOnlyList<string>> SeenStatesAsync(IPage page, string instance)
    {
        var seen = await page.EvaluateAsync<string[]>("() => window.seenStates");
        return [.. seen.Where(s => s.StartsWith(instance + ":", StringComparison.Ordinal)).Select(s => s[(instance.Length + 1)..])];
    }

    /// <summary>Saves a screenshot into the test results (and into docs/ when <c>DASHBOARD_SCREENSHOTS_TO_DOCS=1</c>).</summary>
    public static async Task ScreenshotAsync(IPage page, TestContext context, string name)
    {
        var folder = Path.Combine(context.TestRunResultsDirectory ?? context.TestResultsDirectory ?? Path.GetTempPath(), "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        context.AddResultFile(path);
        if (Environment.GetEnvironmentVariable("DASHBOARD_SCREENSHOTS_TO_DOCS") == "1")
        {
            File.Copy(path, Path.Combine(RepositoryPaths.Root, "docs", name + ".png"), overwrite: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        await StopAsync(Run);
        Service.Dispose();
    }

    private static async Task StopAsync(CliProcess run)
    {
        try
        {
            run.Signal("TERM");
            await run.WaitForExitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            // Disposing kills it.
        }

        run.Dispose();
    }

    [GeneratedRegex(@"^Dashboard: (?<url>http://\S+/login\?token=\S+)")]
    private static partial Regex DashboardLine();
}
