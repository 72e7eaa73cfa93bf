namespace BackgroundRoles.Porting.Internal;

/// <summary>An error of the build: where (a file and position, or only the project), the code (CS0246, NU1101...) and the text.</summary>
internal sealed record BuildMessage(string File, int Line, int Column, string Code, string Text);
