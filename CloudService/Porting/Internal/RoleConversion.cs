namespace BackgroundRoles.Porting.Internal;

/// <summary>
/// What the ported project references instead of the classic one's references and packages: the packages it gets,
/// the assemblies it keeps (by HintPath), what was left out and why (<see cref="Notes"/>), and what needs a hand.
/// </summary>
internal sealed record RoleConversion(
    IReadOnlyList<PackageChoice> Packages,
    IReadOnlyList<ClassicReference> KeptReferences,
    IReadOnlyList<string> Notes,
    IReadOnlyList<PortFinding> Findings);
