using BackgroundRoles.Compat.Diagnostics;

namespace Microsoft.WindowsAzure.Diagnostics;

/// <summary>The SDK's crash dump switch; on .NET the runtime itself writes dumps, so the call says how to turn them on.</summary>
public static class CrashDumps
{
    public static void EnableCollection(bool enableFullDumps) =>
        CompatLog.CrashDumpsNotCollected(MonitorReport.Logger, enableFullDumps ? "full" : "mini");

    public static void EnableCollectionToDirectory(string directory, bool enableFullDumps) =>
        CompatLog.CrashDumpsNotCollected(MonitorReport.Logger, (enableFullDumps ? "full" : "mini") + " to " + directory);
}
