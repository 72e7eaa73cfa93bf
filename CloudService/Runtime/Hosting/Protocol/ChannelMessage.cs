using System.Text.Json.Serialization;

namespace BackgroundRoles.Hosting.Protocol;

/// <summary>
/// One message of the control channel between the fabric and a role instance: a line of JSON whose
/// <c>type</c> property says which. Instance to fabric: <see cref="HelloMessage"/> (first, with the secret),
/// <see cref="StatusMessage"/>, <see cref="HealthMessage"/>, <see cref="RecycleRequestedMessage"/>,
/// <see cref="ChangeResultMessage"/>. Fabric to instance: <see cref="StopMessage"/>, <see cref="RecycleMessage"/>,
/// and the environment changes (<see cref="EnvironmentChangeMessage"/>): <see cref="ApplySettingsMessage"/>,
/// <see cref="ApplyTopologyMessage"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HelloMessage), "hello")]
[JsonDerivedType(typeof(StatusMessage), "status")]
[JsonDerivedType(typeof(HealthMessage), "health")]
[JsonDerivedType(typeof(RecycleRequestedMessage), "recycleRequested")]
[JsonDerivedType(typeof(ChangeResultMessage), "changeResult")]
[JsonDerivedType(typeof(StopMessage), "stop")]
[JsonDerivedType(typeof(RecycleMessage), "recycle")]
[JsonDerivedType(typeof(ApplySettingsMessage), "applySettings")]
[JsonDerivedType(typeof(ApplyTopologyMessage), "applyTopology")]
public abstract record ChannelMessage;
