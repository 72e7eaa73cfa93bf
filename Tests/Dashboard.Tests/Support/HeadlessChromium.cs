using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>
/// Debian's chromium, headless, driven by Playwright through its executable path (Playwright's own browser download
/// is never used). <c>./test.sh</c> installs the package; without it the page tests are skipped with <see cref="SkipReason"/>.
/// </summary>
internal static class HeadlessChromium
{
    /// <summary>Names another chromium executable.</summary>
    public const string EnvironmentVariable = "BACKGROUNDROLES_CHROMIUM";

    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public static bool IsPresent => File.Exists(ExecutablePath);

    public static string SkipReason =>
        $"no chromium at {ExecutablePath} (Debian's 'chromium' package; ./test.sh installs it when it can; {EnvironmentVariable} names another): dashboard page test skipped";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Starts the browser with a fresh user data folder, removed when the returned context is disposed.</summary>
    public static async Task<BrowserSession> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var userData = Path.Combine(Path.GetTempPath(), "backgroundroles-chromium", Guid.NewGuid().ToString("N"));
        try
        {
            var context = await playwright.Chromium.LaunchPersistentContextAsync(userData, new BrowserTypeLaunchPersistentContextOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
            });
            return new BrowserSession(playwright, context, userData);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
