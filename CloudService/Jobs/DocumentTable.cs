using BackgroundRoles.Jobs.Internal;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;

namespace BackgroundRoles.Jobs;

/// <summary>
/// JSON documents in table storage, one per (partition, key), each replace guarded by the ETag it was read with,
/// so two writers never silently overwrite each other. The table is created on first use. Keys may not contain
/// '/', '\', '#', '?' or control characters; a document's JSON may be at most 32 K characters.
/// </summary>
public sealed class DocumentTable<T>
    where T : class
{
    private const string JsonProperty = "Json";
    private const string MarkerProperty = "Marker";

    private readonly JobStorage _storage;
    private readonly string _tableName;

    internal DocumentTable(JobStorage storage, string tableName)
    {
        _storage = storage;
        _tableName = tableName;
    }

    /// <summary>The document, or null when there is none.</summary>
    public async Task<Document<T>?> GetAsync(string partition, string key, CancellationToken ct)
    {
        Validate(partition, key);
        var table = await TableAsync(ct).ConfigureAwait(false);
        return await _storage.Resilience.ExecuteAsync($"read {_tableName}", async token =>
        {
            var result = await table.ExecuteAsync(TableOperation.Retrieve(partition, key), null, null, token).ConfigureAwait(false);
            if (result.Result is not DynamicTableEntity entity || !entity.Properties.TryGetValue(JsonProperty, out var json))
            {
                return null;
            }

            var value = JobJson.Deserialize<T>(json.StringValue)
                ?? throw new InvalidDataException($"The document {partition}/{key} in table {_tableName} is empty.");
            return new Document<T>(value, entity.ETag);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Inserts the document; false when one already exists.</summary>
    public async Task<bool> TryInsertAsync(string partition, string key, T value, CancellationToken ct) =>
        await InsertAsync(partition, key, value, ct).ConfigureAwait(false) is not null;

    /// <summary>Replaces the document if it still has <paramref name="etag"/>; false when it changed or is gone.</summary>
    public async Task<bool> TryReplaceAsync(string partition, string key, T value, string etag, CancellationToken ct) =>
        await ReplaceAsync(partition, key, value, etag, ct).ConfigureAwait(false) is not null;

    /// <summary>
    /// Replaces the document if it still has <paramref name="etag"/> and, in the same entity group transaction, writes
    /// a marker row <paramref name="markerKey"/> in its partition: a change that must happen once (a stock level moved
    /// for one order) is then made at most once however often it is tried, since a second try finds the marker.
    /// </summary>
    public async Task<MarkedReplaceResult> TryReplaceMarkedAsync(string partition, string key, T value, string etag, string markerKey, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        StorageNames.ValidateKey(markerKey, nameof(markerKey));
        var entity = Entity(partition, key, value);
        entity.ETag = etag;
        var marker = new DynamicTableEntity(partition, markerKey) { Properties = { [MarkerProperty] = new EntityProperty(true) } };
        var table = await TableAsync(ct).ConfigureAwait(false);
        return await _storage.Resilience.ExecuteAsync($"replace with a marker in {_tableName}", async token =>
        {
            var batch = new TableBatchOperation { TableOperation.Replace(entity), TableOperation.Insert(marker) };
            try
            {
                await table.ExecuteBatchAsync(batch, null, null, token).ConfigureAwait(false);
                return MarkedReplaceResult.Replaced;
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 409))
            {
                return MarkedReplaceResult.AlreadyMarked;
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 412) || TransientErrors.Is(exception, 404))
            {
                return MarkedReplaceResult.Changed;
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>True when a row (a document or a marker) has <paramref name="key"/> in <paramref name="partition"/>.</summary>
    public async Task<bool> ExistsAsync(string partition, string key, CancellationToken ct)
    {
        Validate(partition, key);
        var table = await TableAsync(ct).ConfigureAwait(false);
        return await _storage.Resilience.ExecuteAsync($"read {_tableName}", async token =>
            (await table.ExecuteAsync(TableOperation.Retrieve(partition, key, [MarkerProperty]), null, null, token).ConfigureAwait(false)).Result is not null,
            ct).ConfigureAwait(false);
    }

    /// <summary>Inserts the document; its new ETag, or null when one already exists.</summary>
    internal async Task<string?> InsertAsync(string partition, string key, T value, CancellationToken ct)
    {
        var entity = Entity(partition, key, value);
        var table = await TableAsync(ct).ConfigureAwait(false);
        return await _storage.Resilience.ExecuteAsync($"insert into {_tableName}", async token =>
        {
            try
            {
                return (await table.ExecuteAsync(TableOperation.Insert(entity), null, null, token).ConfigureAwait(false)).Etag;
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 409))
            {
                return null;
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Replaces the document if it still has <paramref name="etag"/>; its new ETag, or null when it changed or is gone.</summary>
    internal async Task<string?> ReplaceAsync(string partition, string key, T value, string etag, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(etag);
        var entity = Entity(partition, key, value);
        entity.ETag = etag;
        var table = await TableAsync(ct).ConfigureAwait(false);
        return await _storage.Resilience.ExecuteAsync($"replace in {_tableName}", async token =>
        {
            try
            {
                return (await table.ExecuteAsync(TableOperation.Replace(entity), null, null, token).ConfigureAwait(false)).Etag;
            }
            catch (StorageException exception) when (TransientErrors.Is(exception, 412) || TransientErrors.Is(exception, 404))
            {
                return null;
            }
        }, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes documents of one partition whatever is there (last writer wins), all in one entity group transaction:
    /// one call, all or none. At most 100 documents, each key once. Returns each one's new ETag, in order.
    /// <para>
    /// Sent as insert-or-merge: a document row has the one JSON property, so a merge leaves the same row as a replace
    /// would. Azurite replaces by removing and inserting the row, and a remove walks every row of the table's
    /// in-memory indexes; it merges by an update in place. With 20,000 rows in the table, its store took 550-580 µs
    /// per replaced record and 330-390 µs per merged one (lokijs alone, the two lookups included), and that is most
    /// of what a final status record costs it.
    /// </para>
    /// </summary>
    internal async Task<IReadOnlyList<string>> UpsertBatchAsync(string partition, IReadOnlyList<(string Key, T Value)> documents, CancellationToken ct)
    {
        var batch = new TableBatchOperation();
        foreach (var (key, value) in documents)
        {
            batch.InsertOrMerge(Entity(partition, key, value));
        }

        var table = await TableAsync(ct).ConfigureAwait(false);
        return await _storage.Resilience.ExecuteAsync($"upsert a batch into {_tableName}", async token =>
            (IReadOnlyList<string>)[.. (await table.ExecuteBatchAsync(batch, null, null, token).ConfigureAwait(false)).Select(result => result.Etag)], ct).ConfigureAwait(false);
    }

    /// <summary>Writes the document whatever is there (last writer wins).</summary>
    public async Task UpsertAsync(string partition, string key, T value, CancellationToken ct)
    {
        var entity = Entity(partition, key, value);
        var table = await TableAsync(ct).ConfigureAwait(false);
        await _storage.Resilience.ExecuteAsync($"upsert into {_tableName}", token =>
            table.ExecuteAsync(TableOperation.InsertOrReplace(entity), null, null, token), ct).ConfigureAwait(false);
    }

    private static void Validate(string partition, string key)
    {
        StorageNames.ValidateKey(partition, nameof(partition));
        StorageNames.ValidateKey(key, nameof(key));
    }

    private static DynamicTableEntity Entity(string partition, string key, T value)
    {
        Validate(partition, key);
        ArgumentNullException.ThrowIfNull(value);
        var json = JobJson.Serialize(value);
        if (json.Length > 32 * 1024)
        {
            throw new ArgumentException($"The document is {json.Length} characters of JSON; a table document may have at most 32768.", nameof(value));
        }

        return new DynamicTableEntity(partition, key) { Properties = { [JsonProperty] = new EntityProperty(json) } };
    }

    private async Task<CloudTable> TableAsync(CancellationToken ct)
    {
        await _storage.EnsureTableAsync(_tableName, ct).ConfigureAwait(false);
        return _storage.CloudTable(_tableName);
    }
}
