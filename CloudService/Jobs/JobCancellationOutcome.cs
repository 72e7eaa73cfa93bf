namespace BackgroundRoles.Jobs;

/// <summary>What <see cref="JobClient.CancelAsync"/> did.</summary>
public enum JobCancellationOutcome
{
    /// <summary>The job is Cancelled (now, or by an earlier cancel): its handler never runs.</summary>
    Cancelled,

    /// <summary>There is no job with that id.</summary>
    NotFound,

    /// <summary>The job cannot be cancelled (running, final, or submitted without <see cref="SubmitOptions.Cancellable"/>); <see cref="JobCancellation.Reason"/> says which.</summary>
    Refused,
}
