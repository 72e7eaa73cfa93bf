using System.Text.RegularExpressions;

namespace BackgroundRoles.Porting.Internal;

/// <summary>One construct the source scan looks for: a pattern on a line (comments and strings left out), what it is and a hint.</summary>
internal sealed record ScanRule(string Rule, Regex Pattern, string Message, string Hint);
