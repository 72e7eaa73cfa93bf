using BackgroundRoles.ServiceModel;
using Microsoft.WindowsAzure.Storage;

namespace BackgroundRoles.Jobs;

/// <summary>
/// The one place a storage connection string becomes an account. <c>UseDevelopmentStorage=true</c> means the
/// local emulator (Azurite) on its usual loopback ports. Keys never leave this class in a message: use
/// <see cref="Redact"/> for anything that is logged or shown.
/// </summary>
public static class StorageConnection
{
    /// <summary>The setting roles read their connection string from.</summary>
    public const string SettingName = "StorageConnectionString";

    /// <summary>Azurite's well-known development account key (public, documented; not a secret).</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The loopback ports <c>UseDevelopmentStorage=true</c> means: blob, queue, table.</summary>
    public const int DevelopmentBlobPort = 10000;

    public const int DevelopmentQueuePort = 10001;

    public const int DevelopmentTablePort = 10002;

    /// <summary>Azurite's development account name.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>A connection string for an Azurite listening on loopback on the given ports.</summary>
    public static string ForAzurite(int blobPort, int queuePort, int tablePort) =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevelopmentAccountName};";

    /// <summary>True for <c>UseDevelopmentStorage=true</c>, which needs a local emulator.</summary>
    public static bool IsDevelopmentStorage(string connectionString) =>
        connectionString.Replace(" ", string.Empty, StringComparison.Ordinal).Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the connection string; the error names the problem, never the key.</summary>
    public static bool TryParse(string? connectionString, out CloudStorageAccount? account, out string? error)
    {
        account = null;
        error = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            error = $"the setting {SettingName} is empty";
            return false;
        }

        if (IsDevelopmentStorage(connectionString))
        {
            connectionString = ForAzurite(DevelopmentBlobPort, DevelopmentQueuePort, DevelopmentTablePort);
        }

        if (CloudStorageAccount.TryParse(connectionString, out var parsed))
        {
            account = parsed;
            return true;
        }

        error = $"the setting {SettingName} is not a storage connection string ({Redact(connectionString)})";
        return false;
    }

    /// <summary>The connection string (or any text holding one) with every key and signature replaced by <c>***</c> (<see cref="SecretMask.Text"/>).</summary>
    public static string Redact(string connectionString) => SecretMask.Text(connectionString);
}
