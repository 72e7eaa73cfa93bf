namespace BackgroundRoles.ServiceModel.Internal.Json;

/// <summary>An object's member: its name, where the name is written, and its value.</summary>
internal sealed record JsonTreeProperty(string Name, SourceLocation NameLocation, JsonTreeNode Value);
