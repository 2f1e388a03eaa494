using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// Stripe's JSON objects as the API version in <see cref="SimulatorStripeOptions.ApiVersion"/> shapes them:
/// <c>checkout.session</c>, <c>payment_intent</c>, <c>charge</c>, <c>dispute</c> and the <c>event</c> envelope.
/// Call under the session's gate.
/// </summary>
internal static class StripeObjects
{
    public static JsonObject Session(StripeSession s) => new()
    {
        ["id"] = s.Id,
        ["object"] = "checkout.session",
        ["after_expiration"] = null,
        ["allow_promotion_codes"] = null,
        ["amount_subtotal"] = s.AmountTotal,
        ["amount_total"] = s.AmountTotal,
        ["automatic_tax"] = new JsonObject { ["enabled"] = false, ["liability"] = null, ["status"] = null },
        ["billing_address_collection"] = null,
        ["cancel_url"] = s.CancelUrl,
        ["client_reference_id"] = s.ClientReferenceId,
        ["client_secret"] = null,
        ["created"] = s.Created,
        ["currency"] = s.Currency,
        ["customer"] = null,
        ["customer_creation"] = "if_required",
        ["customer_details"] = s.PaymentStatus == "paid"
            ? new JsonObject { ["email"] = s.CustomerEmail ?? "buyer@example.com", ["name"] = "Simulated Buyer", ["phone"] = null, ["tax_exempt"] = "none" }
            : null,
        ["customer_email"] = s.CustomerEmail,
        ["expires_at"] = s.ExpiresAt,
        ["invoice"] = null,
        ["livemode"] = false,
        ["locale"] = null,
        ["metadata"] = Map(s.Metadata),
        ["mode"] = "payment",
        ["payment_intent"] = s.PaymentIntentId,
        ["payment_link"] = null,
        ["payment_method_collection"] = "if_required",
        ["payment_method_types"] = new JsonArray("card"),
        ["payment_status"] = s.PaymentStatus,
        ["recovered_from"] = null,
        ["setup_intent"] = null,
        ["shipping_options"] = new JsonArray(),
        ["status"] = s.Status,
        ["submit_type"] = null,
        ["subscription"] = null,
        ["success_url"] = s.SuccessUrl,
        ["total_details"] = new JsonObject { ["amount_discount"] = 0, ["amount_shipping"] = 0, ["amount_tax"] = 0 },
        ["ui_mode"] = "hosted",
        ["url"] = s.Status == "open" ? s.Url : null,
    };

    public static JsonObject PaymentIntent(StripeSession s) => new()
    {
        ["id"] = s.PaymentIntentId,
        ["object"] = "payment_intent",
        ["amount"] = s.AmountTotal,
        ["amount_capturable"] = 0,
        ["amount_received"] = s.AmountTotal,
        ["capture_method"] = "automatic_async",
        ["created"] = s.PaidAt,
        ["currency"] = s.Currency,
        ["latest_charge"] = s.ChargeId,
        ["livemode"] = false,
        ["metadata"] = Map(s.PaymentIntentMetadata),
        ["payment_method_types"] = new JsonArray("card"),
        ["status"] = "succeeded",
    };

    public static JsonObject Charge(StripeSession s) => new()
    {
        ["id"] = s.ChargeId,
        ["object"] = "charge",
        ["amount"] = s.AmountTotal,
        ["amount_captured"] = s.AmountTotal,
        ["amount_refunded"] = s.AmountRefunded,
        ["balance_transaction"] = "txn_" + s.ChargeId![3..],
        ["captured"] = true,
        ["created"] = s.PaidAt,
        ["currency"] = s.Currency,
        ["customer"] = null,
        ["description"] = null,
        ["disputed"] = s.DisputeId is not null,
        ["livemode"] = false,
        ["metadata"] = Map(s.PaymentIntentMetadata),
        ["paid"] = true,
        ["payment_intent"] = s.PaymentIntentId,
        ["payment_method"] = "pm_" + s.ChargeId![3..],
        ["refunded"] = s.AmountRefunded == s.AmountTotal,
        ["status"] = "succeeded",
    };

    public static JsonObject Dispute(StripeSession s) => new()
    {
        ["id"] = s.DisputeId,
        ["object"] = "dispute",
        ["amount"] = s.AmountTotal - s.AmountRefunded,
        ["balance_transactions"] = new JsonArray(),
        ["charge"] = s.ChargeId,
        ["created"] = s.DisputedAt,
        ["currency"] = s.Currency,
        ["is_charge_refundable"] = false,
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = s.PaymentIntentId,
        ["reason"] = "fraudulent",
        ["status"] = s.DisputeStatus,
    };

    /// <summary>The event envelope Stripe delivers (a snapshot event of the endpoint's API version).</summary>
    public static JsonObject Event(string id, string type, long created, string apiVersion, JsonObject dataObject, JsonObject? previousAttributes = null)
    {
        var data = new JsonObject { ["object"] = dataObject };
        if (previousAttributes is not null)
        {
            data["previous_attributes"] = previousAttributes;
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = apiVersion,
            ["created"] = created,
            ["data"] = data,
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        };
    }

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var node = new JsonObject();
        foreach (var (key, value) in values)
        {
            node[key] = value;
        }

        return node;
    }
}
