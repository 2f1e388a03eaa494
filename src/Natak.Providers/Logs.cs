using Microsoft.Extensions.Logging;

namespace Natak.Providers;

/// <summary>Source-generated log messages of the provider clients. Keys, prompts and bodies are never logged.</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "{Provider} accepted '{Model}' as request '{RequestId}'.")]
    public static partial void SubmitAccepted(this ILogger logger, ProviderKind provider, string model, string requestId);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "{Provider} submit of '{Model}' failed with {Code} after it may have reached the provider; not re-sent (a job may exist and be billed).")]
    public static partial void SubmitUncertain(this ILogger logger, ProviderKind provider, string model, string code);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "{Provider} webhook for request '{RequestId}' rejected: {Reason}.")]
    public static partial void WebhookRejected(this ILogger logger, ProviderKind provider, string? requestId, Webhooks.WebhookRejectReason reason);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Provider} webhook signing material fetched ({Count} keys).")]
    public static partial void SigningMaterialFetched(this ILogger logger, ProviderKind provider, int count);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "{Provider} webhook signing material could not be fetched.")]
    public static partial void SigningMaterialUnavailable(this ILogger logger, ProviderKind provider, Exception exception);
}
