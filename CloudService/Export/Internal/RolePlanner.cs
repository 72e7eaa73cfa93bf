using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;
using BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Export.Internal;

/// <summary>Works out each role's <see cref="RolePlan"/>, noting what of the role cannot be carried over.</summary>
internal static class RolePlanner
{
    private static readonly string[] SkippedFolders = ["artifacts", "node_modules", "bin", "obj", ".git", ".cloudservice"];

    public static RolePlan Plan(ExportContext context, RoleDefinition role)
    {
        var configuration = context.Configuration.FindRole(role.Name);
        var rule = context.Rules?.FindRole(role.Name);
        var count = configuration?.InstanceCount ?? 1;
        var replicas = rule is null ? count : Math.Clamp(count, rule.MinInstances, rule.MaxInstances);
        var updateDomains = context.Definition.UpgradeDomainCount ?? 5;
        var name = KubernetesNames.Label(context.ServiceName, role.Name);
        var ports = ContainerPorts(context, role);
        var probePort = ExportDefaults.ProbePort;
        while (ports.ContainsValue(probePort))
        {
            probePort++;
        }

        return new RolePlan
        {
            Role = role,
            Rule = rule,
            Name = name,
            Image = $"{context.Options.ImagePrefix}{name}:{ExportDefaults.ImageTag}",
            Replicas = replicas,
            Settings = Settings(context, role, configuration),
            ContainerPorts = ports,
            ProbePort = probePort,
            MaxUnavailable = Math.Max(1, (int)Math.Ceiling(replicas / (double)updateDomains)),
            StopBudget = StopBudget(configuration),
            ProjectPath = FindProject(context, role),
        };
    }

    private static List<SettingPlan> Settings(ExportContext context, RoleDefinition role, RoleConfiguration? configuration)
    {
        var settings = new List<SettingPlan>();
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var declared in role.ConfigurationSettings)
        {
            var subject = $"{role.Name}/Setting {declared.Name}";
            var variable = OrchestratorEnvironment.SettingVariable(declared.Name);
            if (!KubernetesNames.IsDataKey(declared.Name))
            {
                context.Note(subject, "the name cannot be a ConfigMap or Secret key (letters, digits, '-', '_' and '.' only); give the role its value another way");
                continue;
            }

            if (variables.TryGetValue(variable, out var other))
            {
                context.Note(subject, $"its variable {variable} is also the one of setting '{other}'; rename one of them");
                continue;
            }

            variables[variable] = declared.Name;
            var value = configuration?.FindSetting(declared.Name)?.Value ?? string.Empty;
            settings.Add(new SettingPlan(declared.Name, value, SecretMask.IsSecretSetting(declared.Name, value), variable));
        }

        return settings;
    }

    /// <summary>
    /// Input and internal endpoints listen on their csdef ports in the pod (the local port where one is given);
    /// an internal endpoint without a port gets one from <see cref="ExportDefaults.FirstAssignedPort"/>.
    /// </summary>
    private static Dictionary<string, int> ContainerPorts(ExportContext context, RoleDefinition role)
    {
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var endpoint in role.InputEndpoints)
        {
            if ((endpoint.LocalPort ?? endpoint.Port) is { } port)
            {
                ports[endpoint.Name] = port;
            }
        }

        foreach (var endpoint in role.InstanceInputEndpoints)
        {
            if (endpoint.LocalPort is { } port)
            {
                ports[endpoint.Name] = port;
            }
        }

        var next = ExportDefaults.FirstAssignedPort;
        foreach (var endpoint in role.InternalEndpoints)
        {
            if ((endpoint.FixedPort ?? endpoint.Port ?? endpoint.FixedPortRange?.Min) is { } port)
            {
                ports[endpoint.Name] = port;
                continue;
            }

            while (ports.ContainsValue(next))
            {
                next++;
            }

            ports[endpoint.Name] = next;
            if (endpoint.Protocol != EndpointProtocol.Any)
            {
                context.Note($"{role.Name}/InternalEndpoint {endpoint.Name}", $"the csdef gives no port, so the pod listens on {next}; peers find it in RoleEnvironment as before");
            }
        }

        return ports;
    }

    private static TimeSpan StopBudget(RoleConfiguration? configuration)
    {
        var text = configuration?.FindSetting(HostDefaults.StopBudgetSetting)?.Value;
        return text is not null && RoleInstanceEnvironment.TryParseDuration(text, out var budget) && budget < HostDefaults.StopBudget
            ? budget
            : HostDefaults.StopBudget;
    }

    /// <summary>The role's project: <c>&lt;assembly&gt;.csproj</c> (the NetFxEntryPoint's name, else the role's) under the service root.</summary>
    private static string? FindProject(ExportContext context, RoleDefinition role)
    {
        var assembly = (role.Runtime?.EntryPoint as NetFxEntryPoint)?.AssemblyName;
        var stem = assembly is null ? role.Name : Path.GetFileNameWithoutExtension(assembly);
        var root = new DirectoryInfo(context.Options.ServiceRoot);
        var found = Search(root, stem + ".csproj", 0);
        if (found is null)
        {
            context.Note($"{role.Name}/Dockerfile", $"no {stem}.csproj under the service folder; build the image with --build-arg ROLE_PROJECT=<path of the role's project>");
            return null;
        }

        return Path.GetRelativePath(root.FullName, found).Replace(Path.DirectorySeparatorChar, '/');
    }

    private static string? Search(DirectoryInfo folder, string fileName, int depth)
    {
        if (depth > 4 || !folder.Exists)
        {
            return null;
        }

        try
        {
            var here = Path.Combine(folder.FullName, fileName);
            if (File.Exists(here))
            {
                return here;
            }

            return folder.EnumerateDirectories()
                .Where(d => !SkippedFolders.Contains(d.Name, StringComparer.OrdinalIgnoreCase) && !d.Name.StartsWith('.'))
                .OrderBy(d => d.Name, StringComparer.Ordinal)
                .Select(d => Search(d, fileName, depth + 1))
                .FirstOrDefault(p => p is not null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
