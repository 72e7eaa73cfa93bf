namespace BackgroundRoles.Hosting;

/// <summary>
/// Where the fabric's control channel listens for this instance (a loopback TCP port) and the secret the
/// instance proves itself with. Null in a descriptor: no fabric, the instance runs standalone.
/// </summary>
/// <param name="Host">The loopback address, <c>127.0.0.1</c>.</param>
/// <param name="Port">The fabric's channel port.</param>
/// <param name="Secret">A random secret for this start of this instance only.</param>
public sealed record ControlChannelDescriptor(string Host, int Port, string Secret);
