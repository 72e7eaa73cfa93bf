using BackgroundRoles.Tests;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs.Tests.TestSupport;

/// <summary>Direct table access, to leave behind what another writer (another version, a person) might.</summary>
internal static class RawTables
{
    /// <summary>Writes <paramref name="json"/> as it is into the entity's Json property, whatever it says.</summary>
    public static async Task PutJsonAsync(string table, string partition, string row, string json)
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        var reference = account!.CreateCloudTableClient().GetTableReference(table);
        await reference.CreateIfNotExistsAsync();
        await reference.ExecuteAsync(TableOperation.InsertOrReplace(new DynamicTableEntity(partition, row) { Properties = { ["Json"] = new EntityProperty(json) } }));
    }

    /// <summary>The entity's Json property as it is stored; null when there is no such entity.</summary>
    public static async Task<string?> GetJsonAsync(string table, string partition, string row)
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        var result = await account!.CreateCloudTableClient().GetTableReference(table).ExecuteAsync(TableOperation.Retrieve(partition, row));
        return (result.Result as DynamicTableEntity)?.Properties["Json"].StringValue;
    }

    /// <summary>Deletes a whole table, as a storage emulator that restarted without its last save has lost it.</summary>
    public static async Task DeleteAsync(string table)
    {
        Assert.IsTrue(StorageConnection.TryParse(TestAzurite.ConnectionString, out var account, out var error), error);
        Assert.IsTrue(await account!.CreateCloudTableClient().GetTableReference(table).DeleteIfExistsAsync());
    }
}
