using Microsoft.Playwright;

namespace BackgroundRoles.Dashboard.Tests.Support;

/// <summary>A running headless chromium with its own user data folder; disposing closes it (its processes end with it) and removes the folder.</summary>
internal sealed class BrowserSession(IPlaywright playwright, IBrowserContext context, string userData) : IAsyncDisposable
{
    public IBrowserContext Context => context;

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
        playwright.Dispose();
        try
        {
            Directory.Delete(userData, recursive: true);
        }
        catch (IOException)
        {
            // The browser may still be letting go of a file; the temp folder is reclaimed later.
        }
    }
}
