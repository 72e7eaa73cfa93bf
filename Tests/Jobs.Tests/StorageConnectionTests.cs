using BackgroundRoles.Tests;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs.Tests;

[TestClass]
public sealed class StorageConnectionTests
{
    [TestMethod]
    public async Task TryParse_AzuriteConnectionString_ReachesQueuesAndTables()
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        var queue = account!.CreateCloudQueueClient().GetQueueReference("smoke");
        await queue.CreateIfNotExistsAsync();
        await queue.AddMessageAsync(new CloudQueueMessage("hello"));
        var message = await queue.GetMessageAsync();
        var table = account.CreateCloudTableClient().GetTableReference("smoke");
        await table.CreateIfNotExistsAsync();
        await table.ExecuteAsync(TableOperation.InsertOrReplace(new DynamicTableEntity("p", "r") { Properties = { ["v"] = new EntityProperty(1) } }));

        Assert.AreEqual("hello", message.AsString);
        Assert.AreEqual(1, ((DynamicTableEntity)(await table.ExecuteAsync(TableOperation.Retrieve("p", "r"))).Result).Properties["v"].Int32Value);
    }

    [TestMethod]
    public void Redact_AccountKeyAndSignature_AreHidden()
    {
        var redacted = StorageConnection.Redact("AccountName=a;AccountKey=c2VjcmV0;SharedAccessSignature=sv=1&sig=abc");

        Assert.DoesNotContain("c2VjcmV0", redacted);
        Assert.DoesNotContain("abc", redacted);
        StringAssert.Contains(redacted, "AccountKey=***");
    }

    [TestMethod]
    public void TryParse_Garbage_ErrorWithoutTheKey()
    {
        Assert.IsFalse(StorageConnection.TryParse("AccountKey=c2VjcmV0;nonsense", out _, out var error));
        Assert.DoesNotContain("c2VjcmV0", error!);
    }
}
