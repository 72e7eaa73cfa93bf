using System.Xml.Linq;

namespace BackgroundRoles.ServiceModel.Internal;

/// <summary>Startup tasks, the runtime element and environment variables.</summary>
internal sealed partial class DefinitionParser
{
    private List<StartupTask> ParseStartup(XElement startup)
    {
        // The priority attribute only orders plugin tasks against the role's own; nothing here needs it.
        var tasks = new List<StartupTask>();
        foreach (var child in reader.Children(startup))
        {
            if (child.Name.LocalName != "Task")
            {
                reader.Unexpected(child, startup);
                continue;
            }

            var environment = new List<EnvironmentVariable>();
            foreach (var grandchild in reader.Children(child))
            {
                if (grandchild.Name.LocalName == "Environment")
                {
                    environment.AddRange(ParseEnvironment(grandchild));
                }
                else
                {
                    reader.Unexpected(grandchild, child);
                }
            }

            tasks.Add(new StartupTask(
                reader.Required(child, "commandLine"),
                reader.Choice(child, "executionContext", SchemaWords.ExecutionContexts, TaskExecutionContext.Limited)!.Value,
                reader.Choice(child, "taskType", SchemaWords.TaskTypes, StartupTaskType.Simple)!.Value,
                environment,
                reader.Locate(child)));
        }

        return tasks;
    }

    private RoleRuntime ParseRuntime(XElement runtime)
    {
        var environment = new List<EnvironmentVariable>();
        RoleEntryPoint? entryPoint = null;
        var sawEntryPoint = false;
        foreach (var child in reader.Children(runtime))
        {
            switch (child.Name.LocalName)
            {
                case "Environment":
                    environment.AddRange(ParseEnvironment(child));
                    break;
                case "EntryPoint":
                    if (sawEntryPoint)
                    {
                        reader.Diagnostics.Error(reader.Locate(child), "<Runtime> has more than one <EntryPoint>");
                    }

                    sawEntryPoint = true;
                    entryPoint ??= ParseEntryPoint(child);
                    break;
                default:
                    reader.Unexpected(child, runtime);
                    break;
            }
        }

        return new RoleRuntime(
            reader.Choice(runtime, "executionContext", SchemaWords.ExecutionContexts, TaskExecutionContext.Limited)!.Value,
            environment,
            entryPoint,
            reader.Locate(runtime));
    }

    private RoleEntryPoint? ParseEntryPoint(XElement element)
    {
        var found = new List<RoleEntryPoint>();
        foreach (var child in reader.Children(element))
        {
            switch (child.Name.LocalName)
            {
                case "NetFxEntryPoint":
                    ExpectNoChildren(child);
                    found.Add(new NetFxEntryPoint(
                        reader.Required(child, "assemblyName"),
                        ElementReader.Optional(child, "targetFrameworkVersion"),
                        reader.Locate(child)));
                    break;
                case "ProgramEntryPoint":
                    ExpectNoChildren(child);
                    found.Add(new ProgramEntryPoint(
                        reader.Required(child, "commandLine"),
                        reader.Boolean(child, "setReadyOnProcessStart") ?? false,
                        reader.Locate(child)));
                    break;
                default:
                    reader.Unexpected(child, element);
                    break;
            }
        }

        if (found.Count != 1)
        {
            reader.Diagnostics.Error(
                reader.Locate(element),
                $"<EntryPoint> must contain exactly one <NetFxEntryPoint> or <ProgramEntryPoint>, found {found.Count}");
        }

        return found.FirstOrDefault();
    }

    private List<EnvironmentVariable> ParseEnvironment(XElement environment)
    {
        var variables = new List<EnvironmentVariable>();
        foreach (var child in reader.Children(environment))
        {
            if (child.Name.LocalName != "Variable")
            {
                reader.Unexpected(child, environment);
                continue;
            }

            var name = reader.Required(child, "name");
            var value = ElementReader.Optional(child, "value");
            RoleInstanceValue? instanceValue = null;
            foreach (var grandchild in reader.Children(child))
            {
                if (grandchild.Name.LocalName == "RoleInstanceValue" && instanceValue is null)
                {
                    ExpectNoChildren(grandchild);
                    var xpath = reader.Required(grandchild, "xpath");
                    instanceValue = new RoleInstanceValue(xpath, RoleInstanceReference.Parse(xpath), reader.Locate(grandchild));
                }
                else
                {
                    reader.Unexpected(grandchild, child);
                }
            }

            if ((value is null) == (instanceValue is null))
            {
                reader.Diagnostics.Error(
                    reader.Locate(child),
                    $"variable '{name}' must have either a 'value' attribute or a <RoleInstanceValue>, not {(value is null ? "neither" : "both")}");
            }

            variables.Add(new EnvironmentVariable(name, value, instanceValue, reader.Locate(child)));
        }

        return variables;
    }
}
