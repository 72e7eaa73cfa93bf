using System.Collections.ObjectModel;
using Microsoft.WindowsAzure.ServiceRuntime;
using Runtime = BackgroundRoles.ServiceRuntime;

namespace BackgroundRoles.Compat.ServiceRuntime;

/// <summary>
/// The SDK's view of the installed runtime environment: the current instance (one object for the life of the
/// environment) and the roles, rebuilt only when the runtime replaced its topology (it replaces it whole on a change).
/// </summary>
internal sealed class EnvironmentAdapter
{
    private static EnvironmentAdapter? s_current;

    private readonly Runtime.RoleInstanceEnvironment _environment;
    private readonly AdaptedRoleInstance _currentInstance;
    private readonly Lock _gate = new();
    private (IReadOnlyDictionary<string, Runtime.Role> Source, IDictionary<string, Role> Roles)? _snapshot;

    private EnvironmentAdapter(Runtime.RoleInstanceEnvironment environment)
    {
        _environment = environment;
        _currentInstance = new AdaptedRoleInstance(environment.CurrentRoleInstance);
    }

    /// <summary>The adapter of the installed environment; throws the SDK's exception when none is installed.</summary>
    public static EnvironmentAdapter Current
    {
        get
        {
            var environment = RuntimeCall.Invoke(() => Runtime.RoleEnvironment.Current);
            var adapter = Volatile.Read(ref s_current);
            if (adapter is null || !ReferenceEquals(adapter._environment, environment))
            {
                adapter = new EnvironmentAdapter(environment);
                Volatile.Write(ref s_current, adapter);
            }

            return adapter;
        }
    }

    public RoleInstance CurrentRoleInstance
    {
        get
        {
            // Its Role is set by the snapshot, so the current instance always points at the latest topology.
            _ = Roles;
            return _currentInstance;
        }
    }

    public IDictionary<string, Role> Roles
    {
        get
        {
            var source = _environment.Roles;
            lock (_gate)
            {
                if (_snapshot is not { } snapshot || !ReferenceEquals(snapshot.Source, source))
                {
                    snapshot = (source, Build(source));
                    _snapshot = snapshot;
                }

                return snapshot.Roles;
            }
        }
    }

    private ReadOnlyDictionary<string, Role> Build(IReadOnlyDictionary<string, Runtime.Role> source)
    {
        var roles = new Dictionary<string, Role>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, role) in source)
        {
            var instances = role.Instances
                .Select(i => i.Id == _currentInstance.Id ? _currentInstance : new AdaptedRoleInstance(i))
                .ToList();
            var adapted = new AdaptedRole(role.Name, [.. instances]);
            foreach (var instance in instances)
            {
                instance.SetRole(adapted);
            }

            roles[name] = adapted;
        }

        return new ReadOnlyDictionary<string, Role>(roles);
    }
}
