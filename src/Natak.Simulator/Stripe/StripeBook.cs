using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>
/// The fake Stripe's state: Checkout Sessions with their payment, refunds and dispute, and every event created.
/// Paying, refunding and disputing change a session as Stripe would and deliver the events Stripe would send, each
/// signed with the endpoint secret, to <see cref="SimulatorControl.StripeWebhookUrl"/> — in the background, with
/// the simulator's webhook retries.
/// </summary>
internal sealed class StripeBook(SimulatorControl control, WebhookPoster poster, BackgroundWork background, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, StripeSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Type, byte[] Body)> _events = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Fingerprint, string SessionId)> _idempotency = new(StringComparer.Ordinal);

    /// <summary>Creates a session, or returns the one an earlier request with this idempotency key created (null key: always new).</summary>
    /// <returns>The session and whether it was replayed; null session when the key was used with other parameters.</returns>
    public (StripeSession? Session, bool Replayed) Create(StripeSessionRequest request, string? idempotencyKey, string fingerprint, string baseUrl)
    {
        var id = StripeIds.New("cs_test_", 58);
        if (idempotencyKey is not null)
        {
            var first = _idempotency.GetOrAdd(idempotencyKey, (fingerprint, id));
            if (first.SessionId != id)
            {
                return first.Fingerprint == fingerprint ? (_sessions.GetValueOrDefault(first.SessionId), true) : (null, false);
            }
        }

        var now = time.GetUtcNow();
        var session = new StripeSession
        {
            Id = id,
            Created = now.ToUnixTimeSeconds(),
            ExpiresAt = (now + control.Options.Stripe.SessionLifetime).ToUnixTimeSeconds(),
            Currency = request.Currency,
            LineItems = request.LineItems,
            SuccessUrl = request.SuccessUrl,
            CancelUrl = request.CancelUrl,
            ClientReferenceId = request.ClientReferenceId,
            CustomerEmail = request.CustomerEmail,
            Metadata = request.Metadata,
            PaymentIntentMetadata = request.PaymentIntentMetadata,
            Url = $"{baseUrl}/stripe/c/pay/{id}",
        };
        _sessions[id] = session;
        return (session, false);
    }

    /// <summary>The session (an open one past its expiry is expired first), or null.</summary>
    public StripeSession? Find(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
        {
            return null;
        }

        lock (session.Gate)
        {
            if (session.Status == "open" && time.GetUtcNow().ToUnixTimeSeconds() >= session.ExpiresAt)
            {
                session.Status = "expired";
            }
        }

        return session;
    }

    public JsonObject Snapshot(StripeSession session)
    {
        lock (session.Gate)
        {
            return StripeObjects.Session(session);
        }
    }

    /// <summary>Completes the session with a successful card payment: <c>payment_intent.succeeded</c>, <c>charge.succeeded</c>, <c>checkout.session.completed</c>.</summary>
    public StripeActionResult Pay(string sessionId)
    {
        if (Find(sessionId) is not { } session)
        {
            return StripeActionResult.Fail(404, $"No such checkout.session: '{sessionId}'");
        }

        List<(string Type, JsonObject Object)> events;
        JsonObject snapshot;
        lock (session.Gate)
        {
            if (session.Status != "open")
            {
                return StripeActionResult.Fail(400, $"The session is {session.Status}; only an open session can be paid.");
            }

            session.Status = "complete";
            session.PaymentStatus = "paid";
            session.PaymentIntentId = StripeIds.New("pi_3");
            session.ChargeId = "ch_" + session.PaymentIntentId[3..];
            session.PaidAt = time.GetUtcNow().ToUnixTimeSeconds();
            snapshot = StripeObjects.Session(session);
            events =
            [
                ("payment_intent.succeeded", StripeObjects.PaymentIntent(session)),
                ("charge.succeeded", StripeObjects.Charge(session)),
                ("checkout.session.completed", snapshot),
            ];
        }

        return new StripeActionResult(200, null, snapshot, Send(events));
    }

    /// <summary>Refunds <paramref name="amount"/> (default: all that is left) of the session's charge: <c>charge.refunded</c> with the cumulative <c>amount_refunded</c>.</summary>
    public StripeActionResult Refund(string sessionId, long? amount)
    {
        if (Find(sessionId) is not { } session)
        {
            return StripeActionResult.Fail(404, $"No such checkout.session: '{sessionId}'");
        }

        JsonObject charge;
        JsonObject previous;
        lock (session.Gate)
        {
            if (session.ChargeId is null)
            {
                return StripeActionResult.Fail(400, "The session has not been paid; there is no charge to refund.");
            }

            if (session.DisputeId is not null)
            {
                return StripeActionResult.Fail(400, $"Charge {session.ChargeId} has been charged back; it cannot be refunded (charge_disputed).");
            }

            var left = session.AmountTotal - session.AmountRefunded;
            var refund = amount ?? left;
            if (left == 0 || refund < 1 || refund > left)
            {
                return StripeActionResult.Fail(400, left == 0
                    ? $"Charge {session.ChargeId} has already been refunded (charge_already_refunded)."
                    : $"The refund amount must be from 1 to {left} (what is left of the charge), in cents.");
            }

            previous = new JsonObject { ["amount_refunded"] = session.AmountRefunded, ["refunded"] = false };
            session.AmountRefunded += refund;
            charge = StripeObjects.Charge(session);
        }

        return new StripeActionResult(200, null, charge, Send([("charge.refunded", charge)], previous));
    }

    /// <summary>Opens a dispute over what is left of the charge: <c>charge.dispute.created</c>.</summary>
    public StripeActionResult Dispute(string sessionId)
    {
        if (Find(sessionId) is not { } session)
        {
            return StripeActionResult.Fail(404, $"No such checkout.session: '{sessionId}'");
        }

        JsonObject dispute;
        lock (session.Gate)
        {
            if (session.ChargeId is null || session.DisputeId is not null || session.AmountRefunded == session.AmountTotal)
            {
                return StripeActionResult.Fail(400, session.ChargeId is null ? "The session has not been paid; there is no charge to dispute."
                    : session.DisputeId is not null ? $"Charge {session.ChargeId} is already disputed."
                    : $"Charge {session.ChargeId} was refunded in full; there is nothing to dispute.");
            }

            session.DisputeId = StripeIds.New("dp_1");
            session.DisputedAt = time.GetUtcNow().ToUnixTimeSeconds();
            dispute = StripeObjects.Dispute(session);
        }

        return new StripeActionResult(200, null, dispute, Send([("charge.dispute.created", dispute)]));
    }

    /// <summary>
    /// Closes the charge's open dispute as the card network decided it — <c>won</c> (the funds come back to the
    /// merchant) or <c>lost</c>: <c>charge.dispute.closed</c>.
    /// </summary>
    public StripeActionResult CloseDispute(string sessionId, string status)
    {
        if (status is not ("won" or "lost"))
        {
            return StripeActionResult.Fail(400, "status must be won or lost");
        }

        if (Find(sessionId) is not { } session)
        {
            return StripeActionResult.Fail(404, $"No such checkout.session: '{sessionId}'");
        }

        JsonObject dispute;
        lock (session.Gate)
        {
            if (session.DisputeId is null || session.DisputeStatus != "needs_response")
            {
                return StripeActionResult.Fail(400, session.DisputeId is null ? "The session's charge has no dispute to close."
                    : $"Dispute {session.DisputeId} is already closed ({session.DisputeStatus}).");
            }

            session.DisputeStatus = status;
            dispute = StripeObjects.Dispute(session);
        }

        return new StripeActionResult(200, null, dispute, Send([("charge.dispute.closed", dispute)]));
    }

    /// <summary>An event's body exactly as delivered, or null for an unknown id.</summary>
    public byte[]? EventBody(string eventId) => _events.TryGetValue(eventId, out var stored) ? stored.Body : null;

    /// <summary>Delivers an event again, byte for byte (a fresh signature), like the dashboard's "Resend"; null for an unknown id.</summary>
    public StripeSentEvent? Resend(string eventId)
    {
        if (!_events.TryGetValue(eventId, out var stored))
        {
            return null;
        }

        Deliver(eventId, stored.Type, stored.Body);
        return new StripeSentEvent(eventId, stored.Type);
    }

    private List<StripeSentEvent> Send(IEnumerable<(string Type, JsonObject Object)> events, JsonObject? previousAttributes = null)
    {
        var sent = new List<StripeSentEvent>();
        foreach (var (type, dataObject) in events)
        {
            var id = StripeIds.New("evt_1");
            var body = WireJson.Bytes(StripeObjects.Event(id, type, time.GetUtcNow().ToUnixTimeSeconds(), control.Options.Stripe.ApiVersion, dataObject,
                type == "charge.refunded" ? previousAttributes : null));
            _events[id] = (type, body);
            Deliver(id, type, body);
            sent.Add(new StripeSentEvent(id, type));
        }

        return sent;
    }

    private void Deliver(string eventId, string type, byte[] body)
    {
        var target = control.StripeWebhookUrl;
        var secret = control.StripeWebhookSecret;
        if (target is null)
        {
            Record(eventId, type, null, 0, 0, "no webhook URL configured: not delivered");
            return;
        }

        background.Run(stopping => poster.DeliverAsync(
            SimulatorProvider.Stripe,
            null,
            target,
            body,
            timestamp => new Dictionary<string, string> { [StripeSigner.HeaderName] = StripeSigner.Signature(secret, timestamp, body) },
            (attempt, status, note) => Record(eventId, type, target, attempt, status, note),
            stopping));
    }

    private void Record(string eventId, string type, string? target, int attempt, int status, string? note) => control.Log.Record(new SimulatorCall
    {
        Seq = 0,
        At = default,
        Provider = SimulatorProvider.Stripe,
        Operation = SimulatorOperation.Webhook,
        Model = type,
        RequestId = eventId,
        Method = "POST",
        Path = target ?? "",
        StatusCode = status,
        Attempt = attempt,
        Target = target,
        Note = note,
    });
}
