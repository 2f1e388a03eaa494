using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>
/// The Stripe API calls Natak makes, under <c>{sim}/stripe</c> (Stripe.net's api base): create
/// (<c>POST /v1/checkout/sessions</c>, form-encoded) and retrieve (<c>GET /v1/checkout/sessions/{id}</c>) a
/// Checkout Session, behind <c>Authorization: Bearer sk_test_…</c>. Plus the hosted payment page a session's
/// <c>url</c> points at (<c>/stripe/c/pay/{id}</c>): a Pay button and a cancel link.
/// </summary>
internal sealed class StripeApi(SimulatorControl control, ProviderGate gate, StripeBook book)
{
    public async Task CreateSessionAsync(HttpContext http)
    {
        var call = new ProviderCall(http, SimulatorProvider.Stripe, SimulatorOperation.Checkout, control.Log);
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        if (!await AdmitAsync(call))
        {
            return;
        }

        if (!IsForm(http.Request.ContentType))
        {
            await ProviderGate.RespondAsync(call, StripeDialect.InvalidRequest(
                "Invalid request: Stripe accepts application/x-www-form-urlencoded request bodies."));
            return;
        }

        var (parameters, badParam) = StripeForm.Parse(body);
        if (parameters is null)
        {
            await ProviderGate.RespondAsync(call, StripeDialect.InvalidRequest($"Invalid parameter: {badParam}", "parameter_invalid_string", badParam));
            return;
        }

        call.Input = System.Text.Json.JsonSerializer.SerializeToElement(parameters);
        var (request, error) = StripeSessionRequest.Parse(parameters);
        if (error is not null)
        {
            await ProviderGate.RespondAsync(call, error);
            return;
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var (session, replayed) = book.Create(request!, key, fingerprint, RequestBodies.BaseUrl(http, control.Options));
        if (session is null)
        {
            await ProviderGate.RespondAsync(call, StripeDialect.Error(400, "idempotency_error",
                $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."));
            return;
        }

        call.RequestId = session.Id;
        var headers = new Dictionary<string, string> { ["Request-Id"] = StripeIds.New("req_") };
        if (replayed)
        {
            headers["Idempotent-Replayed"] = "true";
        }

        await call.RespondAsync(200, book.Snapshot(session), headers);
    }

    public async Task GetSessionAsync(HttpContext http, string id)
    {
        var call = new ProviderCall(http, SimulatorProvider.Stripe, SimulatorOperation.Checkout, control.Log) { RequestId = id };
        if (!await AdmitAsync(call))
        {
            return;
        }

        if (book.Find(id) is not { } session)
        {
            await ProviderGate.RespondAsync(call, StripeDialect.Error(404, "invalid_request_error", $"No such checkout.session: '{id}'", "resource_missing", "session"));
            return;
        }

        await call.RespondAsync(200, book.Snapshot(session), new Dictionary<string, string> { ["Request-Id"] = StripeIds.New("req_") });
    }

    /// <summary>The stand-in for Stripe's hosted checkout page.</summary>
    public IResult PayPage(string id)
    {
        if (book.Find(id) is not { } session)
        {
            return Page(404, "Checkout session not found", $"<p>No checkout session <code>{Html(id)}</code>.</p>");
        }

        lock (session.Gate)
        {
            if (session.Status != "open")
            {
                var next = session.Status == "complete" && session.SuccessUrl is { } url
                    ? $"<p><a href=\"{Html(SuccessUrl(url, id))}\">Continue</a></p>"
                    : "";
                return Page(200, "Checkout " + session.Status, $"<p>This checkout session is {Html(session.Status)}.</p>{next}");
            }

            var total = (session.AmountTotal / 100m).ToString("0.00", CultureInfo.InvariantCulture);
            var lines = string.Concat(session.LineItems.Select(l => $"<li>{Html(l.Name)} × {l.Quantity}</li>"));
            var cancel = session.CancelUrl is { } back ? $"<p><a id=\"cancel\" href=\"{Html(back)}\">Cancel and go back</a></p>" : "";
            return Page(200, "Pay " + total + " " + session.Currency.ToUpperInvariant(),
                $"<p>Simulated Stripe Checkout (test mode): no card is charged.</p><ul>{lines}</ul>" +
                $"<form method=\"post\" action=\"/stripe/c/pay/{Html(id)}\"><button id=\"pay\" type=\"submit\">Pay ${total}</button></form>{cancel}");
        }
    }

    /// <summary>The Pay button: pays the session (delivering its events) and sends the browser to the success URL.</summary>
    public IResult Pay(string id)
    {
        var result = book.Pay(id);
        if (result.Error is not null)
        {
            return Page(result.Status, "Payment not possible", $"<p>{Html(result.Error)}</p>");
        }

        var session = book.Find(id)!;
        return session.SuccessUrl is { } url
            ? Results.Redirect(SuccessUrl(url, id), permanent: false, preserveMethod: false)
            : Page(200, "Paid", "<p>Payment complete.</p>");
    }

    private async Task<bool> AdmitAsync(ProviderCall call)
    {
        var header = call.Http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || header.Length == "Bearer ".Length)
        {
            await ProviderGate.RespondAsync(call, StripeDialect.Instance.Unauthorized());
            return false;
        }

        var key = header["Bearer ".Length..].Trim();
        if (!key.StartsWith("sk_test_", StringComparison.Ordinal) && !key.StartsWith("rk_test_", StringComparison.Ordinal))
        {
            await ProviderGate.RespondAsync(call, StripeDialect.InvalidKey(key));
            return false;
        }

        return await gate.AdmitAsync(call, StripeDialect.Instance, requireKey: false) is not null;
    }

    private static bool IsForm(string? contentType) =>
        contentType?.Split(';', 2)[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    // Stripe fills in the session id where the success URL asks for it.
    private static string SuccessUrl(string url, string sessionId) => url.Replace("{CHECKOUT_SESSION_ID}", sessionId, StringComparison.Ordinal);

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{Html(title)}</title></head><body><h1>{Html(title)}</h1>{body}</body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);
}
