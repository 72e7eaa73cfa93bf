namespace BackgroundRoles.Dashboard;

/// <summary>An instance's endpoint: its name, protocol, where the instance listens and the public port in front of it.</summary>
public sealed record EndpointView(string Name, string Protocol, string Url, int? PublicPort);
