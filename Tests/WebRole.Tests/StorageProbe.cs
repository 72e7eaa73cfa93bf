using BackgroundRoles.Jobs;
using BackgroundRoles.Tests;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Queue;

namespace BackgroundRoles.WebRole.Tests;

/// <summary>What a test must see in storage that the jobs library has no call for: every blob of a container, a poison queue's messages.</summary>
internal static class StorageProbe
{
    public static async Task<int> BlobCountAsync(string container)
    {
        var blobs = Account().CreateCloudBlobClient().GetContainerReference(container);
        var count = 0;
        BlobContinuationToken? token = null;
        do
        {
            var segment = await blobs.ListBlobsSegmentedAsync(token);
            count += segment.Results.Count();
            token = segment.ContinuationToken;
        }
        while (token is not null);
        return count;
    }

    /// <summary>The text of every message in the queue, without taking them.</summary>
    public static async Task<List<string>> PeekAsync(string queue)
    {
        var messages = await Queue(queue).PeekMessagesAsync(32);
        return messages.Select(m => m.AsString).ToList();
    }

    /// <summary>Puts a message on a queue as anyone could, past the web role and the jobs library.</summary>
    public static Task AddAsync(string queue, string text) => Queue(queue).AddMessageAsync(new CloudQueueMessage(text));

    private static CloudQueue Queue(string name) => Account().CreateCloudQueueClient().GetQueueReference(name);

    private static Microsoft.WindowsAzure.Storage.CloudStorageAccount Account()
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        return account!;
    }
}
