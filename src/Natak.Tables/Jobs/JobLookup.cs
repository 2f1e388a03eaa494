using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Natak.Tables.Jobs;

/// <summary>
/// Finds a job without knowing its owner: one query for the RowKey <c>j|{jobId}</c> across every user's partition.
/// It scans the table, so only admin routes use it, and only when the job's orchestration (whose input names the
/// owner) no longer exists; the jobs' hot path never writes anything for it.
/// </summary>
public sealed class JobLookup(TableServiceClient tables, IOptions<JobIndexOptions> options)
{
    private readonly TableClient _table = tables.GetTableClient(options.Value.TableName);

    public async Task<JobRecord?> FindAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {"j|" + jobId}");
        try
        {
            await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, cancellationToken: cancellationToken))
            {
                return JobRows.Read(entity.PartitionKey, entity.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No job was ever registered here: the table does not exist yet.
        }

        return null;
    }
}
