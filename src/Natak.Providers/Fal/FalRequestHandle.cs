namespace Natak.Providers.Fal;

/// <summary>
/// What a fal submit returns and an orchestration persists: the request id and the URLs fal returned for it
/// (or, when fal omitted them, the URLs computed by the owner/app rule). Small and serializable.
/// </summary>
/// <param name="ModelId">The full model id that was submitted.</param>
/// <param name="RequestId">fal's request id (webhooks carry it too).</param>
/// <param name="StatusUrl">GET for the queue status.</param>
/// <param name="ResponseUrl">GET for the result.</param>
/// <param name="CancelUrl">PUT to cancel.</param>
public sealed record FalRequestHandle(string ModelId, string RequestId, Uri StatusUrl, Uri ResponseUrl, Uri CancelUrl);
