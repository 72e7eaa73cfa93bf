namespace BackgroundRoles.Jobs;

/// <summary>Every default of the jobs library (<see cref="QueueProcessorOptions"/>, storage names, limits), in one place.</summary>
public static class JobDefaults
{
    /// <summary>How a typed handler's payload is read (<see cref="IJobHandler{TPayload}"/>): the web's JSON (camelCase, case-insensitive), as the web role writes it.</summary>
    internal static readonly System.Text.Json.JsonSerializerOptions PayloadJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>The stages of the supervisor's default stop budget (30 seconds), which a processor's stop defaults fit.</summary>
    private static readonly Supervision.StopStages DefaultStop = Supervision.StopStages.FromBudget(Supervision.SupervisorDefaults.StopBudget);

    /// <summary>How often queues are listed again when <see cref="QueueProcessorOptions.QueuePrefix"/> is set: 30 seconds.</summary>
    public static readonly TimeSpan DiscoveryInterval = TimeSpan.FromSeconds(30);

    /// <summary>Messages fetched per GetMessages call: 32, which is also the most storage allows.</summary>
    public const int BatchSize = 32;

    /// <summary>The most messages one GetMessages call may return: 32.</summary>
    public const int MaxBatchSize = 32;

    /// <summary>Handlers running at once in one processor: 16.</summary>
    public const int MaxConcurrency = 16;

    /// <summary>Messages a processor may hold beyond its handlers, waiting for one, while handlers are quick: 32 (a full batch).</summary>
    public const int PrefetchCount = 32;

    /// <summary>The shortest wait between polls: 100 milliseconds (used again as soon as messages arrive).</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between polls of empty queues: 10 seconds.</summary>
    public static readonly TimeSpan MaxPollingInterval = TimeSpan.FromSeconds(10);

    /// <summary>How long a fetched message stays invisible; renewed every half of it while its handler runs: 30 seconds.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A failure at this dequeue count moves the message to the poison queue: 5.</summary>
    public const int MaxDequeueCount = 5;

    /// <summary>Failed attempts a status record keeps (<see cref="JobStatus.FailedAttempts"/>), the newest: 10.</summary>
    public const int MaxRecordedAttempts = 10;

    /// <summary>The longest error text kept for one failed attempt: 1,024 characters.</summary>
    public const int MaxAttemptErrorChars = 1024;

    /// <summary>Visibility delay after the first failure, doubled for each further dequeue: 5 seconds.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>Cap on the retry delay: 5 minutes.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>On stop, how long in-flight handlers may still finish before they are cancelled: the drain of a 30 second stop budget, 22.5 seconds.</summary>
    public static readonly TimeSpan DrainTimeout = DefaultStop.Drain;

    /// <summary>On stop, the budget of releasing an unfinished handler's message and setting its status back: the release of a 30 second stop budget, 3 seconds.</summary>
    public static readonly TimeSpan ReleaseTimeout = DefaultStop.Release;

    /// <summary>On stop, how long cancelled handlers may take to end before they are logged as leaked: the handler grace of a 30 second stop budget, 1.5 seconds.</summary>
    public static readonly TimeSpan HandlerGrace = DefaultStop.HandlerGrace;

    /// <summary>The processor's task name: <c>queue-processor</c>.</summary>
    public const string ProcessorName = "queue-processor";

    /// <summary>Whether a processor keeps each job's status record (Running, Succeeded, ...).</summary>
    public const bool TrackStatus = true;

    /// <summary>Visibility delay of an ordered message that waits for its predecessor, doubled per dequeue: 1 second.</summary>
    public static readonly TimeSpan OrderingRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>How long a started <see cref="JobContext.RunOnceAsync"/> side effect holds off other workers: 1 minute.</summary>
    public static readonly TimeSpan RunOnceLease = TimeSpan.FromMinutes(1);

    /// <summary>Budget of the delete, release or poison move that follows a handler; not tied to the stop token: 30 seconds.</summary>
    public static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Suffix of a queue's poison queue: <c>-poison</c>.</summary>
    public const string PoisonQueueSuffix = "-poison";

    /// <summary>Blob container of claim-checked payloads (and oversized poison records): <c>job-payloads</c>.</summary>
    public const string PayloadContainer = "job-payloads";

    /// <summary>Table of job status records: <c>jobstatus</c>.</summary>
    public const string StatusTable = "jobstatus";

    /// <summary>
    /// Hex digits of a time-ordered job id (a version 7 GUID, whose first 12 hex digits are its Unix time in ms) that
    /// make its status record's partition: 10 digits, one partition per 256 ms of submit time. Jobs submitted together
    /// finish together, so their final records share a partition and go out in one entity group transaction; a
    /// partition stays small (Azurite scans a partition for every point read) and old records go by partition range.
    /// Part of the storage layout: changing it hides the records written before.
    /// </summary>
    public const int StatusPartitionDigits = 10;

    /// <summary>Records in one entity group transaction of terminal status records (the storage service allows 100).</summary>
    public const int StatusBatchSize = 100;

    /// <summary>
    /// How long a handler runs before its job's status says Running: a job that finishes sooner goes from Queued
    /// straight to its final state, without a write for Running. A progress report writes Running at once.
    /// </summary>
    public static readonly TimeSpan RunningStatusDelay = TimeSpan.FromSeconds(1);

    /// <summary>Table of <see cref="JobContext.RunOnceAsync"/> idempotency records: <c>jobeffects</c>.</summary>
    public const string EffectsTable = "jobeffects";

    /// <summary>Table of the last processed sequence per ordering key: <c>jobordering</c>.</summary>
    public const string OrderingTable = "jobordering";

    /// <summary>Table of submit idempotency keys: <c>jobsubmissions</c>.</summary>
    public const string SubmissionTable = "jobsubmissions";

    /// <summary>Blob container of the leases of singletons and scheduled jobs (one empty blob per lease): <c>job-leases</c>.</summary>
    public const string LeaseContainer = "job-leases";

    /// <summary>Table of schedule records (last run, next due, outcome, total runs per scheduled job): <c>jobschedules</c>.</summary>
    public const string ScheduleTable = "jobschedules";

    /// <summary>How long a lease holds without renewal; renewed every third of it: 30 seconds (storage allows 15 to 60).</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);

    /// <summary>The shortest lease storage grants: 15 seconds.</summary>
    public static readonly TimeSpan MinLeaseTime = TimeSpan.FromSeconds(15);

    /// <summary>The longest finite lease storage grants: 60 seconds.</summary>
    public static readonly TimeSpan MaxLeaseTime = TimeSpan.FromSeconds(60);

    /// <summary>First wait of an instance that found a lease taken and tries again (doubling, with jitter): 250 milliseconds.</summary>
    public static readonly TimeSpan LeaseRetryDelay = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Cap on the wait between attempts at a taken lease: 2 seconds, so a waiter takes over at most this long after the
    /// lease is released or expires.
    /// </summary>
    public static readonly TimeSpan MaxLeaseRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Budget of releasing a lease and writing a run's outcome, not tied to the (maybe cancelled) run: 10 seconds.</summary>
    public static readonly TimeSpan LeaseReleaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What a scheduled job does with ticks missed while no instance ran: run once on start.</summary>
    public const Scheduling.MissedTickPolicy MissedTicks = Scheduling.MissedTickPolicy.RunOnceOnStart;

    /// <summary>Whether a scheduled job also runs once whenever its task starts: false.</summary>
    public const bool RunOnStartup = false;

    /// <summary>The longest single wait of a scheduled job before it looks at the clock again: 1 hour.</summary>
    public static readonly TimeSpan MaxScheduleWait = TimeSpan.FromHours(1);

    /// <summary>
    /// How long before a tick a scheduled job reads its record, so that at the tick only the lease acquire and the
    /// ETag-guarded claim stand before the job's code: 250 milliseconds.
    /// </summary>
    public static readonly TimeSpan ScheduleRecordLead = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The largest message text: 48 KB, which storage's 64 KB limit leaves after base64 encoding. A checkpoint that
    /// would make the message larger is refused.
    /// </summary>
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>
    /// The largest message carrying its payload inline: 40 KB, keeping 8 KB of <see cref="MaxMessageBytes"/> for
    /// checkpoints. A larger job's payload goes to a blob in <see cref="PayloadContainer"/> (claim check).
    /// </summary>
    public const int MaxInlineMessageBytes = 40 * 1024;

    /// <summary>Attempts of the transient-error retry after the first call: 3.</summary>
    public const int StorageRetryAttempts = 3;

    /// <summary>First delay of the transient-error retry (exponential, with jitter): 200 milliseconds.</summary>
    public static readonly TimeSpan StorageRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest one storage call may take, its own retries included: 30 seconds.</summary>
    public static readonly TimeSpan StorageOperationTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive failed polls after which a storage outage is logged as an error: 5.</summary>
    public const int FailuresBeforeError = 5;

    /// <summary>Beyond <see cref="FailuresBeforeError"/>, every this many failed polls are logged again as an error: 50.</summary>
    public const int FailureReminderInterval = 50;

    /// <summary>
    /// How many messages <see cref="Inspection.QueueInspector"/> takes, at most, while it looks for one message by its
    /// id (the storage service deletes or updates a message only with the receipt of taking it).
    /// </summary>
    public const int MaxInspectedMessages = 1000;

    /// <summary>How long a message taken while looking for another stays hidden before it is given back (at once, normally).</summary>
    public static readonly TimeSpan InspectionVisibility = TimeSpan.FromSeconds(30);

    /// <summary>The most status records <see cref="JobStatusStore.ListRecentAsync"/> reads (they are not kept in time order).</summary>
    public const int MaxListedStatuses = 5000;

    /// <summary>The most rows of <see cref="DueJobsTable"/> one <see cref="Inspection.DueJobInspector.ListAsync"/> reads.</summary>
    public const int MaxListedDueRows = 5000;

    /// <summary>
    /// The longest a queue message may stay hidden after it is added: 7 days, Azure queues' limit. A job due within it
    /// is sent at once with that initial visibility; one due later waits in <see cref="DueJobsTable"/>.
    /// </summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7);

    /// <summary>
    /// How far ahead the due-jobs mover sends waiting jobs (hidden until due, so they start on time whatever the
    /// mover's schedule): 6 days, a day inside <see cref="MaxVisibilityDelay"/>.
    /// </summary>
    public static readonly TimeSpan DueJobsLookAhead = TimeSpan.FromDays(6);

    /// <summary>
    /// How long before its due time a processor holds a job's message and waits, rather than giving it back: 2 seconds.
    /// A due message is sent hidden for whole seconds rounded down, so it shows up to a second early; one earlier still
    /// (clocks apart) is released until its due time.
    /// </summary>
    public static readonly TimeSpan MaxEarlyHold = TimeSpan.FromSeconds(2);

    /// <summary>Table of jobs due further ahead than <see cref="MaxVisibilityDelay"/>: <c>jobsdue</c>.</summary>
    public const string DueJobsTable = "jobsdue";

    /// <summary>The due-jobs mover's scheduled job name (its task, schedule record and lease): <c>due-jobs</c>.</summary>
    public const string DueJobsName = "due-jobs";

    /// <summary>Waiting jobs one look of the due-jobs mover reads at a time: 100.</summary>
    public const int DueJobsBatchSize = 100;

    /// <summary>
    /// The largest message text kept in a due-jobs row inline: 24 KB, within a table property's 32 K
    /// (the row's JSON escapes the text); a larger payload goes to a claim-check blob.
    /// </summary>
    public const int MaxDueRowMessageBytes = 24 * 1024;

    /// <summary>Table of blob trigger receipts, one per blob version (container, name, ETag) a trigger saw: <c>blobreceipts</c>.</summary>
    public const string BlobReceiptTable = "blobreceipts";

    /// <summary>
    /// How often a blob trigger lists its container: 5 seconds. A blob written while an instance runs starts its
    /// handler within this plus one listing (with a free handler slot); one written while none ran, at the first scan.
    /// </summary>
    public static readonly TimeSpan BlobScanInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long a blob trigger's claim on a blob version holds without renewal; renewed every third of it: 1 minute.</summary>
    public static readonly TimeSpan BlobClaimTime = TimeSpan.FromMinutes(1);

    /// <summary>A blob version whose handler failed this many times is poisoned: 5 (like <see cref="MaxDequeueCount"/>).</summary>
    public const int BlobMaxAttempts = 5;

    /// <summary>Blob handlers running at once in one trigger: 4.</summary>
    public const int BlobMaxConcurrency = 4;

    /// <summary>
    /// How far behind the scan's start a blob trigger's cursor stays, so a blob whose write began before a scan but
    /// was listed only after it is still looked at: 1 minute. Blobs modified before the cursor are not read again.
    /// </summary>
    public static readonly TimeSpan BlobCursorLag = TimeSpan.FromMinutes(1);

    /// <summary>The longest blob name pattern: 1,024 characters, the longest blob name.</summary>
    public const int MaxBlobPatternLength = 1024;

    /// <summary>
    /// The oldest listing a blob trigger still claims from: 1 hour. A scan that waited longer for handler slots stops
    /// and lists again, so no claim rests on what a listing showed before a receipt's cleanup could have seen it.
    /// </summary>
    public static readonly TimeSpan BlobListingMaxAge = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a blob receipt's cleanup waits before it trusts what it saw: 2 hours, more than
    /// <see cref="BlobListingMaxAge"/> with room for the storage's clock to differ. A version replaced less than this
    /// ago, or behind a cursor first seen less than this ago, keeps its receipt.
    /// </summary>
    public static readonly TimeSpan BlobReceiptSettleTime = TimeSpan.FromHours(2);

    /// <summary>
    /// How long a Failed or Poisoned blob receipt is kept at least, whatever the job retention: 30 days, so an operator
    /// sees a failed version (<see cref="Inspection.TriggerInspector"/>) for a month.
    /// </summary>
    public static readonly TimeSpan BlobFailedReceiptRetention = TimeSpan.FromDays(30);

    /// <summary>Failed and poisoned blob versions a trigger's summary shows, newest first: 10.</summary>
    public const int MaxInspectedFailedReceipts = 10;

    /// <summary>
    /// Receipts a trigger's summary counts at most (beyond, its counts say so): 10,000, so <c>status</c> still answers
    /// within its storage timeout when a trigger has a large backlog or a long retention.
    /// </summary>
    public const int MaxCountedReceipts = 10_000;

    /// <summary>The setting naming the hosts webhook callbacks may go to (comma-separated host or host:port; empty: callbacks off): <c>Callbacks.AllowedHosts</c>.</summary>
    public const string CallbackAllowedHostsSetting = "Callbacks.AllowedHosts";

    /// <summary>The setting holding the per-service secret callbacks are signed with (masked everywhere, its name says Key): <c>Callbacks.SigningKey</c>.</summary>
    public const string CallbackSigningKeySetting = "Callbacks.SigningKey";

    /// <summary>Webhook callbacks: POSTs per job before the delivery is given up: 5.</summary>
    public const int CallbackMaxAttempts = 5;

    /// <summary>Webhook callbacks: the wait after the first failed POST, doubled after each further one: 2 seconds.</summary>
    public static readonly TimeSpan CallbackRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>Webhook callbacks: cap on the wait between POSTs: 1 minute.</summary>
    public static readonly TimeSpan CallbackMaxRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>Webhook callbacks: how long one POST may take, connect to answer: 10 seconds.</summary>
    public static readonly TimeSpan CallbackAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Webhook callbacks: the longest error text kept in <see cref="Callbacks.CallbackState.LastError"/>: 512 characters.</summary>
    public const int MaxCallbackErrorChars = 512;

    /// <summary>Webhook callbacks: the longest callback URL a submission may carry: 2,048 characters.</summary>
    public const int MaxCallbackUrlChars = 2048;

    /// <summary>
    /// Table of webhook callbacks not yet ended (one row per job, partition the queue, row key the job id), written
    /// before the job's message is deleted and swept by every role that processes jobs with callbacks: <c>jobcallbacks</c>.
    /// </summary>
    public const string CallbackTable = "jobcallbacks";

    /// <summary>Webhook callbacks: how often a role's sweep looks for callbacks whose sender died or stopped: 30 seconds.</summary>
    public static readonly TimeSpan CallbackSweepInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Webhook callbacks: how long a sender's claim on a row outlives its next attempt and that attempt's timeout
    /// before a sweep may take the row (the sender is then taken for dead): 1 minute.
    /// </summary>
    public static readonly TimeSpan CallbackClaimGrace = TimeSpan.FromMinutes(1);

    /// <summary>Webhook callbacks: the most rows one sweep of one queue claims: 32.</summary>
    public const int CallbackSweepBatch = 32;

    /// <summary>Webhook callbacks: the longest a stopping sender spends handing its rows back to the sweep: 5 seconds.</summary>
    public static readonly TimeSpan CallbackReleaseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The name of the supervised task that sweeps a role's callbacks: <c>callback-sweep</c>.</summary>
    public const string CallbackSweepTaskName = "callback-sweep";
}
