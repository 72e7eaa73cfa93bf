using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Export.Internal;

/// <summary>One export's inputs and the notes gathered while writing it.</summary>
internal sealed class ExportContext(ServiceModel.ServiceModel model, AutoscaleRules? rules, KubernetesExportOptions options)
{
    private readonly List<ExportNote> _notes = [];

    public ServiceDefinition Definition => model.Definition;

    public ServiceConfiguration Configuration => model.Configuration;

    public AutoscaleRules? Rules => rules;

    public KubernetesExportOptions Options => options;

    public IReadOnlyList<ExportNote> Notes => _notes;

    /// <summary>The service's name as a label, the first part of every object's name.</summary>
    public string ServiceName { get; } = KubernetesNames.Label(model.Definition.Name);

    public void Note(string subject, string reason) => _notes.Add(new ExportNote(subject, reason));
}
