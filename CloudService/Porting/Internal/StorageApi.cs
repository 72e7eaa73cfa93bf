namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// What WindowsAzure.Storage 9.3.3 has in its .NET Framework build (lib/net45) and not in the one .NET gets
/// (lib/netstandard1.3), read from the package's two assemblies: every synchronous call and every Begin/End pair
/// of the blob, queue, table and file clients, the listing enumerables, and a few types.
/// </summary>
internal static class StorageApi
{
    /// <summary>Synchronous calls whose ...Async twin exists on .NET.</summary>
    private static readonly HashSet<string> WithAsyncTwin = new(StringComparer.Ordinal)
    {
        "AbortCopy", "AcquireLease", "AddMessage", "AppendBlock", "AppendFromByteArray", "AppendFromFile", "AppendFromStream", "AppendText",
        "BreakLease", "ChangeLease", "Clear", "ClearPages", "ClearRange", "Commit", "Create", "CreateIfNotExists", "CreateOrReplace",
        "CreateSnapshot", "Delete", "DeleteIfExists", "DeleteMessage", "DownloadBlockList", "DownloadRangeToByteArray", "DownloadRangeToStream",
        "DownloadText", "DownloadToByteArray", "DownloadToFile", "DownloadToStream", "Execute", "ExecuteBatch", "ExecuteQuerySegmented",
        "Exists", "FetchAttributes", "GetAccountProperties", "GetBlobReferenceFromServer", "GetMessage", "GetMessages", "GetPageRanges",
        "GetPageRangesDiff", "GetPermissions", "GetServiceProperties", "GetServiceStats", "GetStats", "ListBlobsSegmented",
        "ListContainersSegmented", "ListFilesAndDirectoriesSegmented", "ListQueuesSegmented", "ListRanges", "ListSharesSegmented",
        "ListTablesSegmented", "OpenRead", "OpenWrite", "PeekMessage", "PeekMessages", "PutBlock", "PutBlockList", "ReleaseLease",
        "RenewLease", "Resize", "SetMetadata", "SetPermissions", "SetPremiumBlobTier", "SetProperties", "SetSequenceNumber",
        "SetServiceProperties", "SetStandardBlobTier", "Snapshot", "StartCopy", "StartIncrementalCopy", "Undelete", "UpdateMessage",
        "UploadFromByteArray", "UploadFromFile", "UploadFromStream", "UploadText", "WritePages", "WriteRange",
    };

    /// <summary>Enumerating calls with no twin on .NET: each is a loop over the segmented ...Async call.</summary>
    private static readonly Dictionary<string, string> Enumerating = new(StringComparer.Ordinal)
    {
        ["ListBlobs"] = "ListBlobsSegmentedAsync",
        ["ListContainers"] = "ListContainersSegmentedAsync",
        ["ListQueues"] = "ListQueuesSegmentedAsync",
        ["ListTables"] = "ListTablesSegmentedAsync",
        ["ListShares"] = "ListSharesSegmentedAsync",
        ["ListFilesAndDirectories"] = "ListFilesAndDirectoriesSegmentedAsync",
        ["ExecuteQuery"] = "ExecuteQuerySegmentedAsync",
        ["ExecuteSegmented"] = "ExecuteSegmentedAsync",
    };

    /// <summary>
    /// The names a source scan can take for storage calls without knowing types: ones no common .NET type has
    /// (<c>Exists</c>, <c>Delete</c> or <c>Create</c> are left to the compiler, which knows the type).
    /// </summary>
    public static readonly HashSet<string> Distinctive = new(StringComparer.Ordinal)
    {
        "AbortCopy", "AcquireLease", "AddMessage", "AppendBlock", "AppendFromByteArray", "AppendFromFile", "AppendFromStream",
        "BreakLease", "ChangeLease", "ClearPages", "CreateIfNotExists", "CreateOrReplace", "DeleteIfExists", "DeleteMessage",
        "DownloadBlockList", "DownloadRangeToByteArray", "DownloadRangeToStream", "DownloadText", "DownloadToByteArray", "DownloadToFile",
        "DownloadToStream", "ExecuteBatch", "ExecuteQuery", "ExecuteQuerySegmented", "FetchAttributes", "GetBlobReferenceFromServer",
        "GetMessage", "GetMessages", "GetPageRanges", "ListBlobs", "ListBlobsSegmented", "ListContainers", "ListQueues", "ListTables",
        "PeekMessage", "PeekMessages", "PutBlock", "PutBlockList", "ReleaseLease", "RenewLease", "StartCopy", "UpdateMessage",
        "UploadFromByteArray", "UploadFromFile", "UploadFromStream", "UploadText", "WritePages",
    };

    /// <summary>Types and members only the .NET Framework build has.</summary>
    public static readonly IReadOnlyList<string> FrameworkOnlyNames =
    [
        "CloudAnalyticsClient", "CreateCloudAnalyticsClient", "BlobEncryptionPolicy", "QueueEncryptionPolicy", "TableEncryptionPolicy",
        "EncryptPropertyAttribute", "TableQueryableExtensions", "AsTableQuery",
    ];

    /// <summary>The storage types whose members the compiler names when a call is missing.</summary>
    private static readonly HashSet<string> ClientTypes = new(StringComparer.Ordinal)
    {
        "CloudQueue", "CloudQueueClient", "CloudBlob", "ICloudBlob", "CloudBlockBlob", "CloudPageBlob", "CloudAppendBlob", "CloudBlobContainer",
        "CloudBlobClient", "CloudBlobDirectory", "CloudBlobStream", "CloudFile", "CloudFileDirectory", "CloudFileShare", "CloudFileClient",
        "CloudFileStream", "CloudTable", "CloudTableClient", "TableQuery", "CloudStorageAccount",
    };

    public static bool IsStorageType(string typeName) => ClientTypes.Contains(StripGeneric(typeName));

    /// <summary>A call .NET's build lacks, with what to write instead; null for any other name.</summary>
    public static string? Replacement(string member)
    {
        if (WithAsyncTwin.Contains(member))
        {
            return $"await {member}Async(...) (in a synchronous Run: {member}Async(...).GetAwaiter().GetResult())";
        }

        if (Enumerating.TryGetValue(member, out var segmented))
        {
            return $"loop over {segmented}(continuationToken) until the token is null";
        }

        if (member.Length > 5 && (member.StartsWith("Begin", StringComparison.Ordinal) || member.StartsWith("End", StringComparison.Ordinal)))
        {
            var name = member.StartsWith("Begin", StringComparison.Ordinal) ? member[5..] : member[3..];
            return WithAsyncTwin.Contains(name) || Enumerating.ContainsKey(name) ? $"the Begin/End pair is gone: await {name}Async(...)" : null;
        }

        return member == "CreateQuery" ? "new TableQuery<T>() run with ExecuteQuerySegmentedAsync" : null;
    }

    private static string StripGeneric(string typeName) => typeName.IndexOf('<', StringComparison.Ordinal) is var at and > 0 ? typeName[..at] : typeName;
}
