using System.Text;

namespace BackgroundRoles.Export.Internal;

/// <summary>NOTES.md: what to do before applying (the Secrets to create, by key, never with a value) and what was not mapped.</summary>
internal static class NotesWriter
{
    public static string Notes(ExportContext context, IReadOnlyList<RolePlan> plans)
    {
        var text = new StringBuilder()
            .Append($"# {context.Definition.Name} on Kubernetes\n\n")
            .Append($"Written by `cloudservice export kubernetes` from the csdef, `{context.Options.ConfigurationName}`")
            .Append(context.Rules is null ? " (no autoscale rules).\n\n" : " and the autoscale rules.\n\n")
            .Append("## Before applying\n\n")
            .Append("1. Build and push each role's image (from the service folder; see the first lines of each Dockerfile).\n")
            .Append("2. Create the Secrets; their values are never written here:\n\n");
        foreach (var plan in plans.Where(p => p.Settings.Any(s => s.IsSecret)))
        {
            var keys = string.Join(" ", plan.Settings.Where(s => s.IsSecret).Select(s => $"--from-literal={s.Name}=..."));
            text.Append($"   - `kubectl create secret generic {plan.SecretName} {keys}`\n");
        }

        text.Append("\n3. The ScaledObjects need KEDA in the cluster. Then `kubectl apply -f` this folder.\n\n")
            .Append("## Not mapped, or mapped with a difference\n\n");
        if (context.Notes.Count == 0)
        {
            text.Append("Nothing: every part of the service has its counterpart.\n");
            return text.ToString();
        }

        text.Append("| what | why, and what to do |\n|---|---|\n");
        foreach (var note in context.Notes)
        {
            text.Append($"| {Cell(note.Subject)} | {Cell(note.Reason)} |\n");
        }

        return text.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
