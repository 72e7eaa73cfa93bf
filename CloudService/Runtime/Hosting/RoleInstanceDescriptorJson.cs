using System.Text.Json.Serialization;

namespace BackgroundRoles.Hosting;

/// <summary>
/// The descriptor's JSON shape, generated at build time: both the launcher and every role process read or write a
/// descriptor on their start path, and reflection-based serialization would cost each of them its first-use time.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RoleInstanceDescriptor))]
internal sealed partial class RoleInstanceDescriptorJson : JsonSerializerContext;
