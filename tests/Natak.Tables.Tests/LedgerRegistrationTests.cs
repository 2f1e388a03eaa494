using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Natak.Tables.Credits;
using Natak.Tables.Spend;
using Natak.Testing;

namespace Natak.Tables.Tests;

public sealed class LedgerRegistrationTests
{
    [Fact]
    public async Task AddNatakTables_wires_the_ledger_sweeper_spend_and_claim_stores_to_the_configured_tables()
    {
        var ledgerTable = Unique.Name("cfgledger");
        var claimsTable = Unique.Name("cfgclaims");
        using var host = await StartHostAsync(new()
        {
            ["Ledger:Credits:TableName"] = ledgerTable,
            ["Ledger:Credits:HoldExpiryTableName"] = Unique.Name("cfgexp"),
            ["Ledger:Spend:TableName"] = Unique.Name("cfgspend"),
            ["Ledger:Claims:TableName"] = claimsTable,
            ["Ledger:HoldSweeper:MaxHoldsPerSweep"] = "7",
        });
        var services = host.Services;

        var ledger = services.GetRequiredService<ICreditLedger>();
        await ledger.CreditAsync("u1", 5, CreditKind.Grant, "grant:1", "g1");

        Assert.IsType<CreditLedger>(ledger);
        Assert.NotNull(services.GetRequiredService<HoldSweeper>());
        Assert.NotNull(services.GetRequiredService<SpendStore>());
        await services.GetRequiredService<CreditClaimStore>().ClaimAsync(new CreditClaim(CreditKind.Grant, "g1", "u1", 5, "welcome"));
        Assert.True((await services.GetRequiredService<TableServiceClient>().GetTableClient(claimsTable).GetEntityIfExistsAsync<TableEntity>("grant|g1", "claim")).HasValue);
        Assert.Equal(7, services.GetRequiredService<IOptions<HoldSweeperOptions>>().Value.MaxHoldsPerSweep);
        var row = await services.GetRequiredService<TableServiceClient>().GetTableClient(ledgerTable).GetEntityAsync<TableEntity>("u|u1", "BAL");
        Assert.Equal(5, row.Value.GetInt64("CreditsPosted"));
    }

    [Fact]
    public async Task Invalid_ledger_settings_stop_the_host_at_start_with_every_problem_named()
    {
        var failure = await Assert.ThrowsAsync<AggregateException>(() => StartHostAsync(new()
        {
            ["Ledger:Credits:TableName"] = "bad-name",
            ["Ledger:Credits:MaxAttempts"] = "0",
            ["Ledger:HoldSweeper:Parallelism"] = "0",
            ["Ledger:Claims:TableName"] = "x",
        }));

        var problems = failure.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, f => f.StartsWith("Ledger:Credits:TableName", StringComparison.Ordinal));
        Assert.Contains(problems, f => f.StartsWith("Ledger:Credits:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(problems, f => f.StartsWith("Ledger:HoldSweeper:Parallelism", StringComparison.Ordinal));
        Assert.Contains(problems, f => f.StartsWith("Ledger:Claims:TableName", StringComparison.Ordinal));
    }

    private static async Task<IHost> StartHostAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(new TableServiceClient(await LocalServices.StorageConnectionStringAsync()));
        builder.Services.AddSingleton<IRunningJobProbe, NoJobsRun>();
        builder.Services.AddNatakTables();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private sealed class NoJobsRun : IRunningJobProbe
    {
        public Task<bool> IsRunningAsync(string jobId, CancellationToken cancellationToken = default) => Task.FromResult(false);
    }
}
