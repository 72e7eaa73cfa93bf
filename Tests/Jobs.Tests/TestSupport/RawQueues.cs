using BackgroundRoles.Tests;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>Direct storage access for what a test must see or do behind the library's back.</summary>
internal static class RawQueues
{
    public static CloudQueue Queue(string name)
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        return account!.CreateCloudQueueClient().GetQueueReference(name);
    }

    /// <summary>Takes every message now visible in the queue (and hides them for a minute).</summary>
    public static async Task<List<CloudQueueMessage>> TakeAllAsync(string name)
    {
        var messages = await Queue(name).GetMessagesAsync(32, TimeSpan.FromMinutes(1), null, null);
        return messages.ToList();
    }

    public static Task AddAsync(string name, string text) => Queue(name).AddMessageAsync(new CloudQueueMessage(text));
}
