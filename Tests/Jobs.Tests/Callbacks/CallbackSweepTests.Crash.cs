using BackgroundRoles.Jobs.Callbacks;
using BackgroundRoles.Jobs.Tests.TestSupport;
using BackgroundRoles.Tests;

namespace BackgroundRoles.Jobs.Tests.Callbacks;

/// <summary>A sender that could not hand its callback back (as good as crashed): the sweep waits for its claim to run out.</summary>
public sealed partial class CallbackSweepTests
{
    [TestMethod]
    public async Task Sweep_SenderLostItsTableStorage_AnotherRoleTakesOverOnceTheClaimRunsOut()
    {
        await using var receiver = WebhookReceiver.Start();
        receiver.Respond = n => n == 1 ? 503 : 204;
        var storage = Storage(receiver);
        var queue = Names.Queue();
        var job = await SubmitAsync(storage, queue, receiver);
        var azurite = TestAzurite.Process;
        var forwarder = new TcpForwarder(azurite.TablePort);
        var cut = JobStorage.Create(StorageConnection.ForAzurite(azurite.BlobPort, azurite.QueuePort, forwarder.Port));

        // Claimed until the next attempt (2 s) + its timeout (1 s) + the grace (2 s) after the refused attempt.
        var options = Options(queue, receiver, retryDelay: TimeSpan.FromSeconds(2));
        options = options with { Callbacks = options.Callbacks! with { AttemptTimeout = TimeSpan.FromSeconds(1), ClaimGrace = TimeSpan.FromSeconds(2) } };
        var first = RunningProcessor.Start(cut, options, Echo());
        var row = await Eventually.GetAsync(() => RowAsync(storage, queue, job), found => found?.Attempts == 1, "the row to record the refused attempt");
        await forwarder.DisposeAsync();
        await first.DisposeAsync();

        await using (RunningKit.Start(storage, queue, Echo(), kitOptions => Fast(kitOptions, receiver)))
        {
            var status = await Eventually.StatusAsync(storage, job, s => s.Callback is not null);

            Assert.AreEqual(CallbackOutcome.Delivered, status.Callback!.Outcome);
            Assert.AreEqual(2, status.Callback.Attempts);
            Assert.IsGreaterThanOrEqualTo(row!.ClaimedUntil, status.Callback.CompletedAt, "taken over only after the dead sender's claim ran out");
        }

        Assert.AreEqual(1, receiver.AcceptedFor(job));
        Assert.AreEqual(2, receiver.CountFor(job));
    }
}
