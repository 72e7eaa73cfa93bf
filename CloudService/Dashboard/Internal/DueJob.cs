namespace BackgroundRoles.Dashboard.Internal;

/// <summary>A job that waits for its due time, as the jobs page lists it.</summary>
/// <param name="JobId">The job.</param>
/// <param name="JobType">Its type.</param>
/// <param name="DueAt">When it is due.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="Cancellable">Whether it can be cancelled (every job with a due time can, until it starts).</param>
/// <param name="WaitsIn">
/// <c>jobsdue</c>: a row the due-jobs mover has not sent yet; <c>queue</c>: a hidden message in its queue (no such row);
/// <c>unknown</c>: due after the last row read, so not known.
/// </param>
/// <param name="Queue">The queue it was submitted to, from its status record or else its jobsdue row; null when neither names it.</param>
internal sealed record DueJob(string JobId, string JobType, DateTimeOffset DueAt, DateTimeOffset CreatedAt, bool Cancellable, string WaitsIn, string? Queue);
