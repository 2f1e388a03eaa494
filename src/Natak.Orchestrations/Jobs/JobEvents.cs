namespace Natak.Orchestrations.Jobs;

/// <summary>External event names every job orchestration understands. Durable contracts: never rename.</summary>
public static class JobEvents
{
    /// <summary>Raised by <c>POST /api/jobs/{id}/cancel</c>; the orchestration stops waiting, cancels at the provider and releases credits.</summary>
    public const string Cancel = "cancel";
}
