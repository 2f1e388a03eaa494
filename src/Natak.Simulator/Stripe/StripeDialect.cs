using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// Stripe's error body <c>{"error": {"type", "code", "message", "param"}}</c> (code and param where Stripe gives
/// them) and its authentication: <c>Authorization: Bearer sk_test_…</c>.
/// </summary>
internal sealed class StripeDialect : IProviderDialect
{
    public static readonly StripeDialect Instance = new();

    public SimulatorProvider Provider => SimulatorProvider.Stripe;

    public string AuthScheme => "Bearer";

    public static ErrorResponse Error(int status, string type, string message, string? code = null, string? param = null)
    {
        var error = new JsonObject { ["type"] = type };
        if (code is not null)
        {
            error["code"] = code;
            error["doc_url"] = "https://stripe.com/docs/error-codes/" + code.Replace('_', '-');
        }

        error["message"] = message;
        if (param is not null)
        {
            error["param"] = param;
        }

        return new ErrorResponse(status, new JsonObject { ["error"] = error }, new Dictionary<string, string> { ["Request-Id"] = StripeIds.New("req_") });
    }

    public static ErrorResponse InvalidRequest(string message, string? code = null, string? param = null) =>
        Error(400, "invalid_request_error", message, code, param);

    public static ErrorResponse Missing(string param) => InvalidRequest($"Missing required param: {param}.", "parameter_missing", param);

    public static ErrorResponse Invalid(string param, string message) => InvalidRequest(message, "parameter_invalid_string", param);

    public ErrorResponse Unauthorized() => Error(401, "invalid_request_error",
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth " +
        "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details.");

    public static ErrorResponse InvalidKey(string key) => Error(401, "invalid_request_error",
        $"Invalid API Key provided: {Mask(key)}", "api_key_invalid");

    public ErrorResponse ForStatus(int status) => status switch
    {
        429 => Error(status, "invalid_request_error", "Too many requests hit the API too quickly (simulated).", "rate_limit"),
        _ => Error(status, "api_error", $"Something went wrong on Stripe's end (simulated HTTP {status})."),
    };

    // Stripe shows the key's prefix and last four characters only.
    private static string Mask(string key) => key.Length <= 12 ? "****" : key[..8] + "****" + key[^4..];
}
