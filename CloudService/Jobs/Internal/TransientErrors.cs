using System.Net.Sockets;
using Microsoft.WindowsAzure.Storage;

namespace BackgroundRoles.Jobs.Internal;

/// <summary>The one predicate that says which storage failures are worth retrying.</summary>
internal static class TransientErrors
{
    /// <summary>Timeouts, 408, 429, 5xx and connection failures.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        StorageException storage => StatusCode(storage) switch
        {
            408 or 429 => true,
            >= 500 => true,
            null or 0 or -1 => storage.InnerException is null || IsConnectionFailure(storage.InnerException) || storage.InnerException is OperationCanceledException,
            _ => false,
        },
        _ => IsConnectionFailure(exception),
    };

    /// <summary>True for anything the storage client throws for a failed call (as opposed to a bug or a cancellation).</summary>
    public static bool IsStorageFailure(Exception exception) => exception is StorageException || IsConnectionFailure(exception);

    public static int? StatusCode(StorageException exception) => exception.RequestInformation?.HttpStatusCode;

    public static string? ErrorCode(StorageException exception) => exception.RequestInformation?.ErrorCode
        ?? exception.RequestInformation?.ExtendedErrorInformation?.ErrorCode;

    /// <summary>True when storage answered with <paramref name="status"/>.</summary>
    public static bool Is(StorageException exception, int status) => StatusCode(exception) == status;

    /// <summary>A 404 that says the queue, table or container itself is gone (not one message, entity or blob).</summary>
    public static bool IsResourceMissing(StorageException exception) =>
        Is(exception, 404) && ErrorCode(exception) is "QueueNotFound" or "TableNotFound" or "ContainerNotFound";

    private static bool IsConnectionFailure(Exception exception) => exception switch
    {
        HttpRequestException or IOException or SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsConnectionFailure),
        _ => exception.InnerException is { } inner && inner is HttpRequestException or IOException or SocketException or TimeoutException,
    };
}
