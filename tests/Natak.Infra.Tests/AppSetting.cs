namespace Natak.Infra.Tests;

/// <summary>One app setting as the compiled template writes it, and the template (module) that sets it.</summary>
internal sealed record AppSetting(string Name, string Value, ArmTemplate Template);
