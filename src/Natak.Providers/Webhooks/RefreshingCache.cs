namespace Natak.Providers.Webhooks;

/// <summary>
/// Caches signing material (fal's keys, WaveSpeed's secret) for at most <c>maxAge</c>, with a forced refresh for
/// when nothing cached verifies a signature — rate-limited, so forged webhooks cannot make us hammer the provider.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "SemaphoreSlim needs disposing only when its AvailableWaitHandle is used; the cache lives as long as its singleton verifier.")]
internal sealed class RefreshingCache<T>(Func<CancellationToken, Task<T>> fetch, TimeSpan maxAge, TimeSpan minRefreshInterval, TimeProvider timeProvider)
    where T : class
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Entry? _entry;
    private DateTimeOffset? _lastForcedRefresh;

    public async Task<T> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_entry) is { } value)
        {
            return value;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Fresh(_entry) ?? await FetchAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-fetches because <paramref name="stale"/> did not verify; null when a fetch happened too recently.</summary>
    public async Task<T?> RefreshAsync(T stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_entry is { } entry && !ReferenceEquals(entry.Value, stale))
            {
                return entry.Value;
            }

            if (_lastForcedRefresh is { } last && timeProvider.GetUtcNow() - last < minRefreshInterval)
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

    private T? Fresh(Entry? entry) =>
        entry is not null && timeProvider.GetUtcNow() - entry.FetchedAt < maxAge ? entry.Value : null;

    private async Task<T> FetchAsync(CancellationToken cancellationToken)
    {
        var value = await fetch(cancellationToken);
        _entry = new Entry(value, timeProvider.GetUtcNow());
        return value;
    }

    private sealed record Entry(T Value, DateTimeOffset FetchedAt);
}
