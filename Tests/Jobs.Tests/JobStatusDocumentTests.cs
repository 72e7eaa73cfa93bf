using System.Text.Json;
using BackgroundRoles.Jobs.Callbacks;

namespace BackgroundRoles.Jobs.Tests;

/// <summary>The one wire shape of a job's status (a callback's body; the web role's GET /api/jobs/{id} derives from it).</summary>
[TestClass]
public sealed class JobStatusDocumentTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [TestMethod]
    public void ToJson_FinalStatus_WebJsonFieldsInTheirOrder()
    {
        var status = new JobStatus("j1", "thumbnail", JobState.Succeeded, 100, "blob/r1", null, At, At.AddSeconds(3), At.AddSeconds(1), At.AddSeconds(3), 2)
        {
            Callback = new CallbackState(CallbackOutcome.Delivered, 1, At.AddSeconds(4), null),
        };

        var json = JsonDocument.Parse(JobStatusDocument.From(status, "/results/j1").ToJson()).RootElement;

        CollectionAssert.AreEqual(
            new[] { "jobId", "jobType", "state", "progress", "resultUrl", "error", "attempts", "createdAt", "updatedAt", "startedAt", "completedAt", "dueAt", "cancellable" },
            json.EnumerateObject().Select(p => p.Name).ToArray(),
            "no callback field, no internal reference: the body the receiver gets");
        Assert.AreEqual("Succeeded", json.GetProperty("state").GetString());
        Assert.AreEqual("/results/j1", json.GetProperty("resultUrl").GetString());
        Assert.AreEqual(2, json.GetProperty("attempts").GetInt32());
        Assert.AreEqual(At.AddSeconds(3), json.GetProperty("completedAt").GetDateTimeOffset());
    }

    [TestMethod]
    public void ToJson_DerivedRecord_OnlyTheDocumentsOwnFields()
    {
        var status = new JobStatus("j2", "order", JobState.Failed, 0, null, "declined", At, At, null, At, 1);

        var json = JsonDocument.Parse(new WithExtra(JobStatusDocument.From(status, null), "x").ToJson()).RootElement;

        Assert.IsFalse(json.TryGetProperty("extra", out _));
        Assert.AreEqual("declined", json.GetProperty("error").GetString());
    }

    private sealed record WithExtra : JobStatusDocument
    {
        public WithExtra(JobStatusDocument document, string extra)
            : base(document) => Extra = extra;

        public string Extra { get; }
    }
}
