using System.Diagnostics.CodeAnalysis;
using BackgroundRoles.Supervision.Composition;
using BackgroundRoles.Supervision.Tests.TestSupport;

namespace BackgroundRoles.Supervision.Tests.Composition;

/// <summary>The kit's one hook for live setting changes: handlers in order, a failing one logged and the rest still run.</summary>
[TestClass]
public sealed class RoleKitSettingsTests
{
    [TestMethod]
    public void OnSettingsChanged_HandlerThrows_LoggedAndTheNextHandlerStillSeesTheChange()
    {
        var settings = new Settings();
        var logs = new ListLoggerFactory();
        var kit = new RoleKit(TimeSpan.FromSeconds(10), logs, settings: settings);
        var calls = new List<string>();
        kit.OnSettingsChanged(_ => { calls.Add("first"); throw new InvalidOperationException("broken extension"); })
            .OnSettingsChanged(e => calls.Add("second " + string.Join(",", e.Names)));

        settings.Raise("Schedules.Cleanup");

        CollectionAssert.AreEqual(new[] { "first", "second Schedules.Cleanup" }, calls);
        var entry = logs.Logger.Entries.Single(e => e.EventId == 2020);
        StringAssert.Contains(entry.Message, "Schedules.Cleanup");
        Assert.AreSame(settings, kit.Settings);
    }

    [TestMethod]
    public void Settings_KitWithoutAny_ReadsNothing()
    {
        var kit = new RoleKit(TimeSpan.FromSeconds(10), new ListLoggerFactory());

        Assert.IsFalse(kit.Settings.TryGetValue("Anything", out _));
    }

    private sealed class Settings : IRoleSettings
    {
        public event EventHandler<RoleSettingsChangedEventArgs>? Changed;

        public bool TryGetValue(string name, [NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        public void Raise(params string[] names) => Changed?.Invoke(this, new RoleSettingsChangedEventArgs(names));
    }
}
