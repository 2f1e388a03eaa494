namespace Natak.Workflows.Pipelines.ProviderCalls;

/// <summary>
/// One paid provider step of a job. <see cref="Values"/> are the step's logical inputs (catalogue input names);
/// a value <c>asset:{key}</c> is an object in R2 that the submitting activity presigns for the provider.
/// </summary>
public sealed record ProviderCallInput(
    string JobId,
    string UserId,
    string StepKey,
    string StepName,
    string ModelKey,
    string Variant,
    IReadOnlyList<string> Providers,
    IReadOnlyDictionary<string, string> Values,
    string Rating,
    string OutputType,
    StepWait Wait)
{
    public const string AssetPrefix = "asset:";

    /// <summary>The sub-orchestration's instance id; webhook URLs name the job and step key, so deliveries find it.</summary>
    public static string InstanceId(string jobId, string stepKey) => jobId + "~" + stepKey;

    public string InstanceIdOf() => InstanceId(JobId, StepKey);
}
