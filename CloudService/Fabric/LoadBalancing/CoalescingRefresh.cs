namespace BackgroundRoles.Fabric.LoadBalancing;

/// <summary>
/// Runs a refresh on one thread at a time without ever blocking a caller: a request while a refresh runs makes that
/// refresh go round again, so the last one always starts after the last request.
/// </summary>
/// <remarks>
/// What the balancer keeps from <see cref="LocalDeployment.InstancesChanged"/> is refreshed this way, asking the
/// deployment again rather than taking the event's list (changes raised on two threads may arrive in either order,
/// and the older list must not be applied last), and without a lock of its own around the question: the event may
/// be raised by a thread that holds the deployment's lock, so waiting on one here could deadlock.
/// </remarks>
internal sealed class CoalescingRefresh(Action refresh)
{
    private int _requests;

    public void Request()
    {
        if (Interlocked.Increment(ref _requests) != 1)
        {
            return;
        }

        int seen;
        do
        {
            seen = Volatile.Read(ref _requests);
            try
            {
                refresh();
            }
            catch
            {
                Volatile.Write(ref _requests, 0);
                throw;
            }
        }
        while (Interlocked.Add(ref _requests, -seen) != 0);
    }
}
