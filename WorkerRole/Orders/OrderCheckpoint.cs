using System.Text.Json;

namespace BackgroundRoles.WorkerRole.Orders;

/// <summary>
/// What the order workflow carries in its queue message (Update Message after every step): the steps done and
/// the failed attempts of the step in progress, so a new delivery resumes after the last completed step.
/// </summary>
internal sealed record OrderCheckpoint(IReadOnlyList<string> Completed, IReadOnlyDictionary<string, int> Failures)
{
    public static OrderCheckpoint Empty { get; } = new([], new Dictionary<string, int>());

    public static OrderCheckpoint Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Empty;
        }

        try
        {
            return JsonSerializer.Deserialize<OrderCheckpoint>(text, JsonOptions.Web) ?? Empty;
        }
        catch (JsonException)
        {
            // A checkpoint this version cannot read starts the workflow over: every step is idempotent.
            return Empty;
        }
    }

    public bool IsDone(string step) => Completed.Contains(step);

    public int FailuresOf(string step) => Failures.GetValueOrDefault(step);

    public OrderCheckpoint WithCompleted(string step) => this with { Completed = [.. Completed, step] };

    public OrderCheckpoint WithFailure(string step) =>
        this with { Failures = new Dictionary<string, int>(Failures) { [step] = FailuresOf(step) + 1 } };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions.Web);
}
