namespace BackgroundRoles.ServiceModel.Internal.Json;

/// <summary>What a <see cref="JsonTreeNode"/> holds.</summary>
internal enum JsonKind
{
    Object,
    Array,
    String,
    Number,
    Boolean,
    Null,
}
