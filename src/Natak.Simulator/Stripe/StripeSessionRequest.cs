using System.Globalization;
using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// The parameters of <c>POST /v1/checkout/sessions</c> the simulator understands (payment mode with
/// <c>line_items[][price_data]</c>), checked the way Stripe checks them: the first problem is answered as a 400
/// <c>invalid_request_error</c> naming the parameter.
/// </summary>
internal sealed record StripeSessionRequest(
    string Currency,
    IReadOnlyList<StripeLineItem> LineItems,
    string? SuccessUrl,
    string? CancelUrl,
    string? ClientReferenceId,
    string? CustomerEmail,
    IReadOnlyDictionary<string, string> Metadata,
    IReadOnlyDictionary<string, string> PaymentIntentMetadata)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "mode", "line_items", "success_url", "cancel_url", "client_reference_id", "customer_email", "metadata",
        "payment_intent_data", "payment_method_types", "locale", "ui_mode", "expand", "allow_promotion_codes",
        "billing_address_collection", "submit_type",
    };

    public static (StripeSessionRequest? Request, ErrorResponse? Error) Parse(JsonObject p)
    {
        if (p.Select(e => e.Key).FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
        {
            return Fail(StripeDialect.InvalidRequest($"Received unknown parameter: {unknown}", "parameter_unknown", unknown));
        }

        if (Text(p, "mode") is not { } mode)
        {
            return Fail(StripeDialect.Missing("mode"));
        }

        if (mode != "payment")
        {
            return Fail(StripeDialect.InvalidRequest(
                mode is "setup" or "subscription" ? $"The simulator supports mode=payment only (got {mode})." : $"Invalid mode: must be one of payment, setup, or subscription",
                "parameter_invalid_string", "mode"));
        }

        if (Text(p, "ui_mode") is { } ui && ui != "hosted")
        {
            return Fail(StripeDialect.InvalidRequest($"The simulator supports ui_mode=hosted only (got {ui}).", "parameter_invalid_string", "ui_mode"));
        }

        foreach (var name in new[] { "success_url", "cancel_url" })
        {
            if (Text(p, name) is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                return Fail(StripeDialect.InvalidRequest("Not a valid URL", "url_invalid", name));
            }
        }

        if (Text(p, "client_reference_id") is { Length: > 200 })
        {
            return Fail(StripeDialect.InvalidRequest("client_reference_id must be at most 200 characters.", "parameter_invalid_string", "client_reference_id"));
        }

        var (metadata, metadataError) = ReadMetadata(p["metadata"], "metadata");
        var (intentMetadata, intentError) = ReadMetadata(p["payment_intent_data"]?["metadata"], "payment_intent_data[metadata]");
        if ((metadataError ?? intentError) is { } badMetadata)
        {
            return Fail(badMetadata);
        }

        var (items, currency, itemError) = ReadLineItems(p["line_items"]);
        if (itemError is not null)
        {
            return Fail(itemError);
        }

        return (new StripeSessionRequest(currency!, items!, Text(p, "success_url"), Text(p, "cancel_url"), Text(p, "client_reference_id"),
            Text(p, "customer_email"), metadata!, intentMetadata!), null);
    }

    private static (IReadOnlyList<StripeLineItem>? Items, string? Currency, ErrorResponse? Error) ReadLineItems(JsonNode? node)
    {
        if (node is null)
        {
            return (null, null, StripeDialect.InvalidRequest("You must provide at least one line item in `payment` mode.", "parameter_missing", "line_items"));
        }

        if (node is not JsonArray array)
        {
            return (null, null, StripeDialect.InvalidRequest("Invalid array", "parameter_invalid_string", "line_items"));
        }

        var items = new List<StripeLineItem>();
        string? currency = null;
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"line_items[{i}]";
            var item = array[i] as JsonObject;
            if (item?["price"] is not null)
            {
                return (null, null, StripeDialect.InvalidRequest($"No such price: '{Text(item, "price")}'", "resource_missing", $"{at}[price]"));
            }

            if (item?["price_data"] is not JsonObject price)
            {
                return (null, null, StripeDialect.Missing($"{at}[price_data]"));
            }

            if (Text(price, "currency") is not { } itemCurrency)
            {
                return (null, null, StripeDialect.Missing($"{at}[price_data][currency]"));
            }

            if (itemCurrency.Length != 3 || !itemCurrency.All(char.IsAsciiLetterLower))
            {
                return (null, null, StripeDialect.InvalidRequest($"Invalid currency: {itemCurrency}.", "parameter_invalid_string", $"{at}[price_data][currency]"));
            }

            if (currency is not null && currency != itemCurrency)
            {
                return (null, null, StripeDialect.InvalidRequest("All line items must have the same currency.", "parameter_invalid_string", $"{at}[price_data][currency]"));
            }

            currency = itemCurrency;
            if (Integer(price, "unit_amount") is not { } unitAmount)
            {
                return (null, null, price["unit_amount"] is null
                    ? StripeDialect.Missing($"{at}[price_data][unit_amount]")
                    : StripeDialect.InvalidRequest("Invalid non-negative integer", "parameter_invalid_integer", $"{at}[price_data][unit_amount]"));
            }

            if (Text(price["product_data"] as JsonObject, "name") is not { Length: > 0 } name)
            {
                return (null, null, StripeDialect.Missing($"{at}[price_data][product_data][name]"));
            }

            if (Integer(item, "quantity") is not { } quantity || quantity < 1)
            {
                return (null, null, item["quantity"] is null
                    ? StripeDialect.Missing($"{at}[quantity]")
                    : StripeDialect.InvalidRequest("Invalid positive integer", "parameter_invalid_integer", $"{at}[quantity]"));
            }

            items.Add(new StripeLineItem(name, unitAmount, quantity));
        }

        return items.Count == 0
            ? (null, null, StripeDialect.InvalidRequest("You must provide at least one line item in `payment` mode.", "parameter_missing", "line_items"))
            : (items, currency, null);
    }

    private static (IReadOnlyDictionary<string, string>? Values, ErrorResponse? Error) ReadMetadata(JsonNode? node, string param)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return (values, null);
        }

        if (node is not JsonObject map || map.Count > 50)
        {
            return (null, StripeDialect.InvalidRequest("Metadata must be a hash of at most 50 keys.", "parameter_invalid_string", param));
        }

        foreach (var (key, value) in map)
        {
            if (key.Length > 40 || value is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length > 500)
            {
                return (null, StripeDialect.InvalidRequest("Metadata keys are at most 40 characters and values at most 500.", "parameter_invalid_string", $"{param}[{key}]"));
            }

            values[key] = text;
        }

        return (values, null);
    }

    private static string? Text(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private static long? Integer(JsonObject? o, string name) =>
        Text(o, name) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static (StripeSessionRequest?, ErrorResponse?) Fail(ErrorResponse error) => (null, error);
}
