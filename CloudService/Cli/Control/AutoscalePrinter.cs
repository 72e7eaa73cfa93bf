using System.Globalization;
using BackgroundRoles.Fabric.Autoscale;

namespace BackgroundRoles.Cli.Control;

/// <summary>Prints a role's autoscale view in <c>status</c>: queue lengths, desired count, next allowed change, last change.</summary>
internal static class AutoscalePrinter
{
    public static void Print(AutoscaleView? view, TextWriter output)
    {
        if (view is null)
        {
            return;
        }

        var queues = view.Queues.Count == 0 ? "no queues read" : string.Join(", ", view.Queues.Select(q => $"{q.QueueName} {q.Length}"));
        output.WriteLine($"  autoscale {view.MinInstances} to {view.MaxInstances}: {queues}; desired {view.Desired} ({view.Reason})");
        if (view.NextAllowedChange is { } next)
        {
            output.WriteLine($"    next allowed change at {next.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        }

        if (view.LastChange is { } change)
        {
            output.WriteLine($"    last change {change}");
        }

        if (view.Error is { } error)
        {
            output.WriteLine($"    {error}");
        }
    }
}
