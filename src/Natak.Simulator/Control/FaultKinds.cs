namespace Natak.Simulator;

/// <summary>Which fault kinds make sense for which operations.</summary>
internal static class FaultKinds
{
    public static bool IsHttpStatus(FaultKind kind) =>
        kind is FaultKind.Http429 or FaultKind.Http500 or FaultKind.Http502 or FaultKind.Http503 or FaultKind.Http504;

    /// <summary>Kinds that decide a response before the request is handled.</summary>
    public static bool IsImmediate(FaultKind kind) => IsHttpStatus(kind) || kind == FaultKind.Hang;

    /// <summary>Kinds that shape how a queued job ends; chosen at submit.</summary>
    public static bool IsJobLevel(FaultKind kind) => kind is FaultKind.CompletedWithError or FaultKind.Failed;

    public static bool IsWebhook(FaultKind kind) =>
        kind is FaultKind.DropWebhook or FaultKind.DuplicateWebhook or FaultKind.DelayWebhook;

    public static int StatusCode(FaultKind kind) => kind switch
    {
        FaultKind.Http429 => 429,
        FaultKind.Http500 => 500,
        FaultKind.Http502 => 502,
        FaultKind.Http503 => 503,
        FaultKind.Http504 => 504,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an HTTP status fault"),
    };

    public static bool AppliesTo(FaultKind kind, SimulatorOperation operation)
    {
        if (IsWebhook(kind))
        {
            return operation == SimulatorOperation.Webhook;
        }

        if (IsJobLevel(kind))
        {
            return operation == SimulatorOperation.Submit;
        }

        if (kind == FaultKind.DropAfterAccept)
        {
            return operation is SimulatorOperation.Submit or SimulatorOperation.Chat;
        }

        return operation != SimulatorOperation.Webhook;
    }
}
