using BackgroundRoles.Supervision;

namespace BackgroundRoles.Supervision.Tests.TestSupport;

/// <summary>Waits on a supervisor's own change events, never by polling; shared by the test harnesses.</summary>
internal static class SupervisorWait
{
    /// <summary>Waits until <paramref name="condition"/> holds after some change <paramref name="supervisor"/> reports.</summary>
    public static async Task UntilAsync(Supervisor supervisor, Func<Supervisor, bool> condition)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition(supervisor))
            {
                reached.TrySetResult();
            }
        }

        EventHandler<TaskHealth> onHealth = (_, _) => Check();
        EventHandler<SupervisorState> onState = (_, _) => Check();
        supervisor.HealthChanged += onHealth;
        supervisor.StateChanged += onState;
        try
        {
            Check();
            await reached.Task.WaitAsync(TestTimeouts.Guard);
        }
        finally
        {
            supervisor.HealthChanged -= onHealth;
            supervisor.StateChanged -= onState;
        }
    }
}
