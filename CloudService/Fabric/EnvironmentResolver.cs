using BackgroundRoles.Hosting;
using BackgroundRoles.ServiceModel;

namespace BackgroundRoles.Fabric;

/// <summary>
/// Gives csdef <c>Environment/Variable</c>s their values for one instance: literal values as they are,
/// <c>RoleInstanceValue</c> xpaths evaluated against the instance's <see cref="RoleEnvironmentDocument"/>.
/// </summary>
public static class EnvironmentResolver
{
    /// <summary>The variables with their values; a variable whose xpath is not valid is left out and reported in <paramref name="errors"/>.</summary>
    public static Dictionary<string, string> Resolve(IEnumerable<EnvironmentVariable> variables, RoleInstanceDescriptor descriptor, ICollection<string> errors)
    {
        var document = new RoleEnvironmentDocument(descriptor);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            if (variable.RoleInstanceValue is not { } reference)
            {
                values[variable.Name] = variable.Value ?? string.Empty;
            }
            else if (document.TryEvaluate(reference.XPath, out var value, out var error))
            {
                values[variable.Name] = value ?? string.Empty;
            }
            else
            {
                errors.Add($"{variable.Location}: environment variable '{variable.Name}': {error}");
            }
        }

        return values;
    }
}
