namespace BackgroundRoles.Jobs;

/// <summary>A JSON document read from a <see cref="DocumentTable{T}"/>, with the ETag that guards its next replace.</summary>
public sealed record Document<T>(T Value, string ETag);
