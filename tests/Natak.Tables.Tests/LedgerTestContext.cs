using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Credits;
using Natak.Testing;

namespace Natak.Tables.Tests;

/// <summary>A ledger on its own tables in the shared Azurite; further ledger instances on the same tables stand for further hosts.</summary>
public sealed class LedgerTestContext
{
    private LedgerTestContext(TableServiceClient tables, CreditLedgerOptions options)
    {
        Tables = tables;
        Options = options;
        Ledger = NewHost();
    }

    public TableServiceClient Tables { get; }

    public CreditLedgerOptions Options { get; }

    /// <summary>The first host's ledger.</summary>
    public CreditLedger Ledger { get; }

    public TableClient LedgerTable => Tables.GetTableClient(Options.TableName);

    public static DateTimeOffset InAnHour => DateTimeOffset.UtcNow.AddHours(1);

    public static async Task<LedgerTestContext> CreateAsync(HttpPipelinePolicy? fault = null, int? sdkRetries = null, int? maxAttempts = null)
    {
        var clientOptions = new TableClientOptions();
        if (fault is not null)
        {
            // Per retry, so every attempt the SDK makes passes through the fault.
            clientOptions.AddPolicy(fault, HttpPipelinePosition.PerRetry);
        }

        if (sdkRetries is { } retries)
        {
            clientOptions.Retry.MaxRetries = retries;
            clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(10);
        }

        var tables = new TableServiceClient(await LocalServices.StorageConnectionStringAsync(), clientOptions);
        var options = new CreditLedgerOptions
        {
            TableName = Unique.Name("ledger"),
            HoldExpiryTableName = Unique.Name("holdexp"),
        };
        if (maxAttempts is { } attempts)
        {
            options.MaxAttempts = attempts;
        }

        return new LedgerTestContext(tables, options);
    }

    /// <summary>Another host: its own ledger instance (and in-process gate) on the same tables.</summary>
    public CreditLedger NewHost() => new(Tables, Microsoft.Extensions.Options.Options.Create(Options));

    public async Task FundAsync(string userId, long amount) =>
        Assert.IsType<LedgerResult.Applied>(await Ledger.CreditAsync(userId, amount, CreditKind.Grant, "grant:" + Guid.NewGuid().ToString("N"), "test-grant"));
}
