using BackgroundRoles.Jobs.Pipeline.Internal;

namespace BackgroundRoles.Jobs.Pipeline;

/// <summary>
/// The steps a queue processor runs for each message, to change through
/// <see cref="QueueProcessorOptions.ConfigurePipeline"/>: replace a default step (a role's own poison handling),
/// add steps before or after one, or remove one. Names are unique across both lists.
/// <para>
/// Intake, in order until a step sets <see cref="MessageContext.Outcome"/>: <c>decode</c>, <c>duplicate</c>,
/// <c>ordering</c>, <c>claim-check</c>, <c>handler</c>. Completion, every step in order, under a token of
/// <see cref="QueueProcessorOptions.CompletionTimeout"/>: <c>ordering-record</c>, <c>poison</c>, <c>status</c>,
/// <c>reply</c>, <c>settle</c> (see <see cref="MessageStepNames"/>). The order is what makes a crash between two
/// steps harmless: the next delivery repairs it.
/// </para>
/// </summary>
public sealed class MessagePipelineBuilder
{
    private readonly List<KeyValuePair<string, IMessageStep>> _intake;
    private readonly List<KeyValuePair<string, IMessageStep>> _completion;

    internal MessagePipelineBuilder(IEnumerable<KeyValuePair<string, IMessageStep>> intake, IEnumerable<KeyValuePair<string, IMessageStep>> completion)
    {
        _intake = [.. intake];
        _completion = [.. completion];
    }

    /// <summary>The intake steps' names, in order.</summary>
    public IReadOnlyList<string> IntakeSteps => [.. _intake.Select(step => step.Key)];

    /// <summary>The completion steps' names, in order.</summary>
    public IReadOnlyList<string> CompletionSteps => [.. _completion.Select(step => step.Key)];

    /// <summary>Puts <paramref name="step"/> in the place of the step called <paramref name="name"/>, under the same name.</summary>
    /// <exception cref="ArgumentException">There is no step of that name.</exception>
    public MessagePipelineBuilder Replace(string name, IMessageStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var (list, index) = Find(name);
        list[index] = new(name, step);
        return this;
    }

    /// <summary>Adds <paramref name="step"/>, called <paramref name="name"/>, just before the step called <paramref name="existing"/>.</summary>
    /// <exception cref="ArgumentException">There is no step called <paramref name="existing"/>, or one called <paramref name="name"/> already.</exception>
    public MessagePipelineBuilder InsertBefore(string existing, string name, IMessageStep step) => Insert(existing, name, step, 0);

    /// <summary>Adds <paramref name="step"/>, called <paramref name="name"/>, just after the step called <paramref name="existing"/>.</summary>
    /// <exception cref="ArgumentException">There is no step called <paramref name="existing"/>, or one called <paramref name="name"/> already.</exception>
    public MessagePipelineBuilder InsertAfter(string existing, string name, IMessageStep step) => Insert(existing, name, step, 1);

    /// <summary>Takes out the step called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">There is no step of that name.</exception>
    public MessagePipelineBuilder Remove(string name)
    {
        var (list, index) = Find(name);
        list.RemoveAt(index);
        return this;
    }

    internal MessagePipeline Build(StepServices services) =>
        new(services, [.. _intake.Select(step => step.Value)], [.. _completion.Select(step => step.Value)]);

    private MessagePipelineBuilder Insert(string existing, string name, IMessageStep step, int offset)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(step);
        if (_intake.Concat(_completion).Any(entry => entry.Key == name))
        {
            throw new ArgumentException($"The message pipeline has a step called '{name}' already.", nameof(name));
        }

        var (list, index) = Find(existing);
        list.Insert(index + offset, new(name, step));
        return this;
    }

    private (List<KeyValuePair<string, IMessageStep>> List, int Index) Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        foreach (var list in new[] { _intake, _completion })
        {
            var index = list.FindIndex(entry => entry.Key == name);
            if (index >= 0)
            {
                return (list, index);
            }
        }

        throw new ArgumentException($"The message pipeline has no step called '{name}'; its steps are {string.Join(", ", IntakeSteps.Concat(CompletionSteps))}.", nameof(name));
    }
}
