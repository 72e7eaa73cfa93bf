using Microsoft.WindowsAzure.Storage;
using Polly;
using Polly.Retry;

namespace BackgroundRoles.Jobs.Internal;

/// <summary>
/// The one place storage calls are retried (the storage client's own retries are switched off) and the one place
/// a storage SDK exception becomes a <see cref="JobStorageException"/> without any key in it.
/// </summary>
internal sealed class StorageResilience
{
    private readonly ResiliencePipeline _pipeline;
    private readonly Action _resourceMissing;

    /// <param name="timeProvider">The clock of the retry delays.</param>
    /// <param name="resourceMissing">
    /// Called when a call finds its queue, table or container gone (a storage emulator that restarted without its
    /// data, an operator who deleted it), so what was created once is created again on the next call.
    /// </param>
    public StorageResilience(TimeProvider timeProvider, Action resourceMissing)
    {
        _resourceMissing = resourceMissing;
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientErrors.IsTransient),
                MaxRetryAttempts = JobDefaults.StorageRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = JobDefaults.StorageRetryDelay,
            })
            .Build();
    }

    /// <summary>Runs <paramref name="action"/> with retries; a final storage failure is thrown as <see cref="JobStorageException"/>.</summary>
    public async Task<T> ExecuteAsync<T>(string operation, Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (action, token) => await action(token).ConfigureAwait(false),
                action,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (TransientErrors.IsStorageFailure(exception))
        {
            // The storage client reports a cancelled call as a StorageException; the caller asked for it.
            cancellationToken.ThrowIfCancellationRequested();
            if (exception is StorageException storage && TransientErrors.IsResourceMissing(storage))
            {
                _resourceMissing();
            }

            throw Translate(operation, exception);
        }
    }

    public Task ExecuteAsync(string operation, Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        ExecuteAsync(
            operation,
            async token =>
            {
                await action(token).ConfigureAwait(false);
                return true;
            },
            cancellationToken);

    private static JobStorageException Translate(string operation, Exception exception)
    {
        var transient = TransientErrors.IsTransient(exception);
        if (exception is StorageException storage)
        {
            var status = TransientErrors.StatusCode(storage);
            var code = TransientErrors.ErrorCode(storage);
            var message = $"Storage operation '{operation}' failed (HTTP {status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, {code ?? "no error code"}): {StorageConnection.Redact(storage.Message)}";
            return new JobStorageException(message, status, code, transient);
        }

        return new JobStorageException(
            $"Storage operation '{operation}' failed: {exception.GetType().Name}: {StorageConnection.Redact(exception.Message)}",
            httpStatusCode: null,
            errorCode: null,
            transient);
    }
}
