using System.Text.Json.Nodes;
using Natak.Providers.Http;

namespace Natak.Providers.Fal;

/// <summary>Reads fal's error shapes: <c>{"detail":[{loc,msg,type}]}</c>, <c>{"detail":"..."}</c>, <c>{"detail","error_type"}</c> + headers.</summary>
internal static class FalErrors
{
    public const string ContentPolicyType = "content_policy_violation";

    public static ErrorBody Parse(HttpResponseMessage response, JsonNode? json, string text)
    {
        var fields = new List<ProviderFieldError>();
        string? message = null;
        switch (json?["detail"])
        {
            case JsonArray items:
                foreach (var item in items.OfType<JsonObject>())
                {
                    var location = item["loc"] is JsonArray loc ? string.Join('.', loc.Select(ProviderHttp.Text)) : "";
                    fields.Add(new ProviderFieldError(location, ProviderHttp.Text(item["msg"]) ?? "", ProviderHttp.Text(item["type"])));
                }

                message = string.Join("; ", fields.Select(f => f.Location.Length > 0 ? $"{f.Location}: {f.Message}" : f.Message));
                break;
            case { } detail:
                message = ProviderHttp.Text(detail);
                break;
        }

        var errorType = ProviderHttp.Text(json?["error_type"]) ?? FalErrorHeaders.Get(response, FalErrorHeaders.ErrorType);
        message ??= ProviderHttp.Text(json?["error"]) ?? ProviderHttp.Text(json?["message"]);
        if (string.IsNullOrWhiteSpace(message))
        {
            message = text.Length > 0 ? text : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }

        return new ErrorBody(message)
        {
            FieldErrors = fields,
            ContentPolicy = errorType == ContentPolicyType || fields.Any(f => f.Type == ContentPolicyType),
            UserDeadline = FalErrorHeaders.IsUserDeadline(response),
            Final = FalErrorHeaders.IsMarkedFinal(response),
        };
    }

    /// <summary>The failure of a request that fal reports as COMPLETED with an <c>error</c>.</summary>
    public static ProviderFailure Completed(string requestId, string error, string? errorType, string apiKey)
    {
        var code = errorType switch
        {
            ContentPolicyType => ProviderErrorCodes.ContentPolicyViolation,
            { } t when t.Contains("timeout", StringComparison.OrdinalIgnoreCase) => ProviderErrorCodes.Timeout,
            _ => ProviderErrorCodes.ProviderFailed,
        };

        // The job ran: whether fal bills a failed run is not documented per case, so assume it may.
        return new ProviderFailure(ProviderKind.Fal, code, ProviderFailures.Clean(error, apiKey), HttpStatus: null,
            IsRetryable: false, MayHaveReachedProvider: true, MayBeBilled: true)
        {
            ProviderRequestId = requestId,
        };
    }
}
