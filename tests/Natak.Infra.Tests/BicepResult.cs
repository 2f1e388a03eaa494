namespace Natak.Infra.Tests;

/// <summary>Exit code and output of one Bicep CLI run.</summary>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Everything the CLI said besides the compiled template (warnings, errors, lint findings).</summary>
    public string Describe() => $"exit code {ExitCode}\n{StandardError}";
}
