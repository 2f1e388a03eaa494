namespace Natak.Orchestrations.Jobs;

/// <summary>External event names every job orchestration understands. Durable contracts: never rename.</summary>
public static class JobEvents
{
    /// <summary>Raised by <c>POST /api/jobs/{id}/cancel</c>; the orchestration stops waiting, cancels at the provider and releases credits.</summary>
    public const string Cancel = "cancel";

    /// <summary>Raised by the job that gave up its slot to the oldest job waiting for one (the admission queue).</summary>
    public const string Admitted = "admitted";

    /// <summary>The event a verified provider webhook for one of the job's steps is raised as: <c>webhook:{stepKey}</c>.</summary>
    public static string Webhook(string stepKey) => "webhook:" + stepKey;
}
