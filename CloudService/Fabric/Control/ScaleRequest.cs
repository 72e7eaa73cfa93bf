namespace BackgroundRoles.Fabric.Control;

/// <summary><c>POST /scale</c>: give <paramref name="Role"/> <paramref name="Count"/> instances.</summary>
public sealed record ScaleRequest(string Role, int Count);
