using Azure.Data.Tables;

namespace Natak.Tables.Common;

/// <summary>A table created on first use. Unlike a cached <c>Lazy&lt;Task&gt;</c>, a failed creation is tried again.</summary>
internal sealed class EnsuredTable(TableClient client)
{
    private Task? _created;

    public async ValueTask<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        var created = _created;
        if (created is { IsCompletedSuccessfully: true })
        {
            return client;
        }

        if (created is null || created.IsFaulted || created.IsCanceled)
        {
            // Racing callers may both start a creation; CreateIfNotExists makes that harmless.
            created = client.CreateIfNotExistsAsync(CancellationToken.None);
            _created = created;
        }

        await created.WaitAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
