using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Payments;
using Natak.Testing;

namespace Natak.Tables.Tests;

public sealed class PaymentStoreTests
{
    [Fact]
    public async Task Concurrent_updates_of_one_payment_are_all_kept()
    {
        var (store, _) = await NewStoresAsync();

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(() =>
            store.UpdateAsync("pi_race", r => r with { RefundedCents = r.RefundedCents + i }))));

        Assert.Equal(210, (await store.GetAsync("pi_race"))!.RefundedCents);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_nothing()
    {
        var (store, _) = await NewStoresAsync();

        var unchanged = await store.UpdateAsync("pi_none", r => r);

        Assert.Equal(PaymentRecord.New("pi_none"), unchanged);
        Assert.Null(await store.GetAsync("pi_none"));
    }

    [Fact]
    public async Task Paid_payments_are_found_by_the_day_they_were_paid_as_last_indexed()
    {
        var (store, _) = await NewStoresAsync();
        var paid = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        await store.UpdateAsync("pi_a", r => r with { AmountCents = 2000, Currency = "usd", PaidUtc = paid });
        await store.UpdateAsync("pi_b", r => r with { AmountCents = 500, Currency = "usd", PaidUtc = paid.AddDays(1) });
        await store.UpdateAsync("pi_unpaid", r => r with { AmountCents = 500, RefundedCents = 500 });
        foreach (var id in new[] { "pi_a", "pi_b", "pi_unpaid" })
        {
            await store.IndexAsync(id);
        }

        await store.UpdateAsync("pi_a", r => r with { RefundedCents = 700 });
        await store.IndexAsync("pi_a");
        await store.IndexAsync("pi_a");

        var day = await store.QueryPaidAsync(paid.AddHours(-1), paid.AddHours(1)).ToListAsync();
        var both = await store.QueryPaidAsync(paid.AddDays(-1), paid.AddDays(2)).ToListAsync();

        Assert.Equal(("pi_a", 700L), (Assert.Single(day).PaymentId, day[0].RefundedCents));
        Assert.Equal(["pi_a", "pi_b"], both.Select(p => p.PaymentId).Order());
    }

    [Fact]
    public async Task An_event_is_acquired_once_then_seen_in_progress_then_handled()
    {
        var (_, events) = await NewStoresAsync();

        var first = await events.BeginAsync("evt_1", "charge.refunded", TimeSpan.FromMinutes(1));
        var concurrent = await events.BeginAsync("evt_1", "charge.refunded", TimeSpan.FromMinutes(1));
        await events.CompleteAsync("evt_1", "refund recorded");
        var after = await events.BeginAsync("evt_1", "charge.refunded", TimeSpan.FromMinutes(1));

        Assert.Equal((PaymentEventClaim.Acquired, PaymentEventClaim.InProgress, PaymentEventClaim.Handled), (first, concurrent, after));
        var record = await events.GetAsync("evt_1");
        Assert.Equal((PaymentEventRecord.Handled, "refund recorded", 3), (record!.Status, record.Outcome, record.Deliveries));
    }

    [Fact]
    public async Task An_abandoned_or_expired_lease_is_taken_over_by_the_next_delivery()
    {
        var (_, events) = await NewStoresAsync();

        await events.BeginAsync("evt_2", "x", TimeSpan.FromMinutes(1));
        await events.AbandonAsync("evt_2");
        var afterAbandon = await events.BeginAsync("evt_2", "x", TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        var afterExpiry = await events.BeginAsync("evt_2", "x", TimeSpan.FromMinutes(1));

        Assert.Equal((PaymentEventClaim.Acquired, PaymentEventClaim.Acquired), (afterAbandon, afterExpiry));
    }

    [Fact]
    public async Task Of_many_racing_deliveries_of_one_event_exactly_one_acquires_it()
    {
        var (_, events) = await NewStoresAsync();

        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => events.BeginAsync("evt_race", "x", TimeSpan.FromMinutes(1)))));

        Assert.Single(claims, c => c == PaymentEventClaim.Acquired);
        Assert.All(claims.Where(c => c != PaymentEventClaim.Acquired), c => Assert.Equal(PaymentEventClaim.InProgress, c));
    }

    private static async Task<(PaymentStore Payments, PaymentEventStore Events)> NewStoresAsync()
    {
        var tables = new TableServiceClient(await LocalServices.StorageConnectionStringAsync());
        var options = Options.Create(new PaymentStoreOptions { TableName = Unique.Name("payments"), EventsTableName = Unique.Name("payevents") });
        return (new PaymentStore(tables, options), new PaymentEventStore(tables, options));
    }
}
