namespace Natak.Tables.Credits;

/// <summary>
/// Serializes this process's writes to one account. Without it, concurrent writes to a hot account from one
/// host would mostly lose the If-Match race and burn round-trips on 412s; with it, optimistic concurrency only
/// arbitrates between hosts. Accounts share stripes, which costs some parallelism and never correctness.
/// </summary>
internal sealed class AccountGate
{
    private const int Stripes = 256;
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async ValueTask<Releaser> EnterAsync(string userId, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(userId) % Stripes)];
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(stripe);
    }

    public readonly struct Releaser(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
