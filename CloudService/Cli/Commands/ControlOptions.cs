using System.CommandLine;
using BackgroundRoles.Fabric.Emulator;

namespace BackgroundRoles.Cli.Commands;

/// <summary>The options the control verbs share: where the running emulator's state folder (and control.json) is, and which slot.</summary>
internal static class ControlOptions
{
    public static Option<string?> StateDir() =>
        new("--state-dir") { Description = "The running emulator's state folder, where control.json is (default: .cloudservice in the current folder)." };

    /// <summary><c>--slot production|staging</c>; <paramref name="required"/> or production by default.</summary>
    public static Option<DeploymentSlot> Slot(bool required = false)
    {
        var option = new Option<DeploymentSlot>("--slot")
        {
            Description = "The slot: production or staging" + (required ? "." : " (default: production)."),
            Required = required,
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 0 ? "production" : result.Tokens[0].Value;
                if (Enum.TryParse<DeploymentSlot>(text, ignoreCase: true, out var slot) && Enum.IsDefined(slot) && !char.IsDigit(text[0]))
                {
                    return slot;
                }

                result.AddError($"'{text}' is not a slot: production or staging");
                return default;
            },
        };
        if (!required)
        {
            option.DefaultValueFactory = _ => DeploymentSlot.Production;
        }

        return option;
    }
}
