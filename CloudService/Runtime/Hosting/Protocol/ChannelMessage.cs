using System.Text.Json.Serialization;

namespace BackgroundRoles.Hosting.Protocol;

/// <summary>
/// One message of the control channel between the fabric and a role instance: a line of JSON whose
/// <c>type</c> property says which. Instance to fabric: <see cref="HelloMessage"/> (first, with the secret),
/// <see cref="StatusMessage"/>, <see cref="HealthMessage"/>, <see cref="RecycleRequestedMessage"/>,
/// <see cref="SettingsResultMessage"/>. Fabric to instance: <see cref="StopMessage"/>,
/// <see cref="RecycleMessage"/>, <see cref="ApplySettingsMessage"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(HelloMessage), "hello")]
[JsonDerivedType(typeof(StatusMessage), "status")]
[JsonDerivedType(typeof(HealthMessage), "health")]
[JsonDerivedType(typeof(RecycleRequestedMessage), "recycleRequested")]
[JsonDerivedType(typeof(SettingsResultMessage), "settingsResult")]
[JsonDerivedType(typeof(StopMessage), "stop")]
[JsonDerivedType(typeof(RecycleMessage), "recycle")]
[JsonDerivedType(typeof(ApplySettingsMessage), "applySettings")]
public abstract record ChannelMessage;
