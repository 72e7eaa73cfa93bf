using BackgroundRoles.Hosting;
using BackgroundRoles.Hosting.Protocol;

namespace BackgroundRoles.Fabric.Instances;

/// <summary>
/// A kind of live change to an instance's role environment, sent over its control channel: new settings, or a new
/// topology. Each names the part of the descriptor it carries and makes the message that carries it.
/// </summary>
internal sealed class EnvironmentChange
{
    /// <summary>The role's configuration settings (<c>set-config</c>).</summary>
    public static readonly EnvironmentChange Settings = new("settings", d => d.Settings, (id, d) => new ApplySettingsMessage(id, d.Settings));

    /// <summary>Every role with its instances (<c>scale</c>).</summary>
    public static readonly EnvironmentChange Topology = new("topology", d => d.Roles, (id, d) => new ApplyTopologyMessage(id, d.Roles));

    private readonly Func<RoleInstanceDescriptor, object> _part;
    private readonly Func<long, RoleInstanceDescriptor, EnvironmentChangeMessage> _message;

    private EnvironmentChange(string name, Func<RoleInstanceDescriptor, object> part, Func<long, RoleInstanceDescriptor, EnvironmentChangeMessage> message)
    {
        Name = name;
        _part = part;
        _message = message;
    }

    /// <summary>Every kind, in the order a catching-up instance gets them.</summary>
    public static IReadOnlyList<EnvironmentChange> All { get; } = [Settings, Topology];

    /// <summary>What the change is, for the output: <c>settings</c> or <c>topology</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// True when the two descriptors carry a different part. Compared by reference: a spec's settings and topology are
    /// only ever replaced whole, so the same object means nothing was changed since.
    /// </summary>
    public bool Differs(RoleInstanceDescriptor before, RoleInstanceDescriptor after) => !ReferenceEquals(_part(before), _part(after));

    /// <summary>The message that gives an instance what <paramref name="descriptor"/> holds.</summary>
    public EnvironmentChangeMessage Message(long id, RoleInstanceDescriptor descriptor) => _message(id, descriptor);
}
