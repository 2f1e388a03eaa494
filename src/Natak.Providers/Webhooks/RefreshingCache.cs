namespace Natak.Providers.Webhooks;

/// <summary>
/// Caches signing material (fal's keys, WaveSpeed's secret) for at most <c>maxAge</c>, with a forced refresh for
/// when nothing cached verifies a signature. Every fetch — forced or because the entry aged out — is rate-limited
/// by <c>minRefreshInterval</c>, failed ones included, so neither forged webhooks nor a provider outage can make
/// each delivery wait on another fetch. When a fetch fails, material that has aged out still serves until one succeeds.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim needs disposing only when its AvailableWaitHandle is used; the cache lives as long as its singleton verifier.")]
internal sealed class RefreshingCache<T>(Func<CancellationToken, Task<T>> fetch, TimeSpan maxAge, TimeSpan minRefreshInterval, TimeProvider timeProvider)
    where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Entry? _entry;
    private DateTimeOffset? _lastForcedRefresh;
    private DateTimeOffset? _lastFailureAt;
    private Exception? _lastFailure;

    /// <summary>
    /// Null when <paramref name="verifies"/> accepts the cached material or — when it does not — material fetched
    /// again (at most once per <c>minRefreshInterval</c>: the provider may have rotated it); otherwise
    /// <see cref="WebhookRejectReason.SignatureMismatch"/>. When no material can be had,
    /// <see cref="WebhookRejectReason.SigningMaterialUnavailable"/> after telling <paramref name="unavailable"/> why:
    /// the webhook cannot be judged now, and the provider will retry it.
    /// </summary>
    public async Task<WebhookRejectReason?> VerifyAsync(Func<T, bool> verifies, Action<Exception> unavailable, CancellationToken cancellationToken)
    {
        try
        {
            var current = await GetAsync(cancellationToken);
            var verified = verifies(current) || (await RefreshAsync(current, cancellationToken) is { } refreshed && verifies(refreshed));
            return verified ? null : WebhookRejectReason.SignatureMismatch;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            unavailable(e);
            return WebhookRejectReason.SigningMaterialUnavailable;
        }
    }

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_entry) is { } value)
        {
            return value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_entry) is { } fresh)
            {
                return fresh;
            }

            if (Recent(_lastFailureAt) && _lastFailure is { } failure)
            {
                return _entry?.Value ?? throw new InvalidOperationException("The last fetch failed moments ago; not trying again yet.", failure);
            }

            return await FetchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-fetches because <paramref name="stale"/> did not verify; null when a fetch happened too recently.</summary>
    private async Task<T?> RefreshAsync(T stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_entry is { } entry && !ReferenceEquals(entry.Value, stale))
            {
                return entry.Value;
            }

            if (Recent(_lastForcedRefresh) || Recent(_lastFailureAt))
            {
                return null;
            }

            _lastForcedRefresh = timeProvider.GetUtcNow();
            return await FetchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Recent(DateTimeOffset? at) => at is { } last && timeProvider.GetUtcNow() - last < minRefreshInterval;

    private T? Fresh(Entry? entry) =>
        entry is not null && timeProvider.GetUtcNow() - entry.FetchedAt < maxAge ? entry.Value : null;

    private async Task<T> FetchAsync(CancellationToken cancellationToken)
    {
        try
        {
            var value = await fetch(cancellationToken);
            _entry = new Entry(value, timeProvider.GetUtcNow());
            _lastFailure = null;
            return value;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _lastFailure = e;
            _lastFailureAt = timeProvider.GetUtcNow();
            if (_entry is { } aged)
            {
                return aged.Value;
            }

            throw;
        }
    }

    private sealed record Entry(T Value, DateTimeOffset FetchedAt);
}
