using System.Net;
using Natak.EndToEnd.Tests.Infrastructure;
using static Natak.EndToEnd.Tests.Money.MoneyCalls;

namespace Natak.EndToEnd.Tests.Payments;

/// <summary>Refunds take back the refunded share of the pack, disputes the rest (given back when the dispute is won); a negative balance blocks new jobs.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class RefundAndDisputeTests(PaymentsHostFixture fixture)
{
    private const string ImageModel = "fal-ai/z-image/turbo";

    private readonly StripeCalls _stripe = new(fixture);

    [Fact]
    public async Task Partial_refunds_of_a_pro_pack_take_back_their_own_share_rounded_up_and_a_dispute_takes_back_the_rest()
    {
        using var api = fixture.Api(Users.New("refunded"));
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, "pro");
        await _stripe.PayAsync(sessionId);

        // $6.67 of $20: ⌈667 / 2000 × 500⌉ = ⌈166.75⌉ = 167
        await _stripe.RefundAsync(sessionId, 667);
        Assert.Equal((333, 0, 333), await CreditsAsync(api));

        // another $5.00: cumulative $11.67 → ⌈291.75⌉ = 292 in all, so this refund takes back 125
        await _stripe.RefundAsync(sessionId, 500);
        Assert.Equal((208, 0, 208), await CreditsAsync(api));

        await _stripe.DisputeAsync(sessionId);
        Assert.Equal((0, 0, 0), await CreditsAsync(api));
        Assert.Equal([("dispute", 208L), ("refund", 125L), ("refund", 167L), ("purchase", 500L)], await JournalAsync(api));
        var entries = (await GetAsync(api, "/api/credits/entries"))["items"]!.AsArray();
        var purchase = (string?)entries[3]!["reference"];
        Assert.All(entries, e => Assert.Equal(purchase, (string?)e!["reference"]));
        Assert.Equal([0L, 208L, 333L, 500L], entries.Select(e => (long)e!["balanceAfter"]!));
    }

    [Fact]
    public async Task A_dispute_won_gives_back_what_it_took_once_however_often_it_is_delivered_and_the_refunded_share_stays_taken()
    {
        using var api = fixture.Api(Users.New("vindicated"));
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, "pro");
        await _stripe.PayAsync(sessionId);
        await _stripe.RefundAsync(sessionId, 667); // 167 of 500 taken back
        await _stripe.DisputeAsync(sessionId);
        Assert.Equal((0, 0, 0), await CreditsAsync(api));

        var closed = await _stripe.CloseDisputeAsync(sessionId, "won");
        Assert.Equal((333, 0, 333), await CreditsAsync(api));
        await _stripe.ResendAsync(closed);
        await _stripe.WaitDeliveredAsync(closed, 2);

        Assert.Equal((333, 0, 333), await CreditsAsync(api));
        Assert.Equal([("adjust", 333L), ("dispute", 333L), ("refund", 167L), ("purchase", 500L)], await JournalAsync(api));
        var entries = (await GetAsync(api, "/api/credits/entries"))["items"]!.AsArray();
        Assert.Equal([333L, 0L, 333L, 500L], entries.Select(e => (long)e!["balanceAfter"]!));
        Assert.Equal((string?)entries[3]!["reference"], (string?)entries[0]!["reference"]);
    }

    [Fact]
    public async Task A_dispute_lost_keeps_the_pack_taken_back()
    {
        using var api = fixture.Api(Users.New("chargedback"));
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, "starter");
        await _stripe.PayAsync(sessionId);
        await _stripe.DisputeAsync(sessionId);

        await _stripe.CloseDisputeAsync(sessionId, "lost");

        Assert.Equal((0, 0, 0), await CreditsAsync(api));
        Assert.Equal([("dispute", 100L), ("purchase", 100L)], await JournalAsync(api));
    }

    [Fact]
    public async Task A_dispute_won_that_arrives_before_the_dispute_itself_takes_nothing_back()
    {
        using var api = fixture.Api(Users.New("early-verdict"));
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, "starter");
        await _stripe.PayAsync(sessionId);
        IReadOnlyList<(string Id, string Type)> created, closed;
        using (_stripe.HoldDeliveries())
        {
            created = await _stripe.ActAsync(sessionId, "dispute");
            closed = await _stripe.ActAsync(sessionId, "dispute/close", new { status = "won" });
        }

        // the verdict first, then the dispute it closed
        foreach (var id in new[] { closed[0].Id, created[0].Id })
        {
            await _stripe.ResendAsync(id);
            await _stripe.WaitDeliveredAsync(id);
        }

        Assert.Equal((100, 0, 100), await CreditsAsync(api));
        Assert.Equal([("purchase", 100L)], await JournalAsync(api));
    }

    [Fact]
    public async Task A_full_refund_takes_back_the_whole_pack_and_redelivered_refunds_take_nothing_more()
    {
        using var api = fixture.Api(Users.New("returner"));
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, "starter");
        await _stripe.PayAsync(sessionId);

        var (refundEvent, _) = Assert.Single(await _stripe.ActAsync(sessionId, "refund"));
        await _stripe.WaitDeliveredAsync(refundEvent);
        await _stripe.ResendAsync(refundEvent);
        await _stripe.WaitDeliveredAsync(refundEvent, 2);

        Assert.Equal((0, 0, 0), await CreditsAsync(api));
        Assert.Equal([("refund", 100L), ("purchase", 100L)], await JournalAsync(api));
    }

    [Fact]
    public async Task Out_of_order_refunds_count_once_each_and_a_refund_before_the_purchase_waits_for_it()
    {
        using var api = fixture.Api(Users.New("shuffled"));
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, "pro");
        IReadOnlyList<(string Id, string Type)> paid, first, second;
        using (_stripe.HoldDeliveries())
        {
            paid = await _stripe.ActAsync(sessionId, "pay");
            first = await _stripe.ActAsync(sessionId, "refund", new { amount = 400 });   // cumulative 400: 100 credits
            second = await _stripe.ActAsync(sessionId, "refund", new { amount = 400 });  // cumulative 800: 200 credits
        }

        // Stripe does not promise order: the later refund, then the earlier one, then the purchase
        foreach (var id in new[] { second[0].Id, first[0].Id })
        {
            await _stripe.ResendAsync(id);
            await _stripe.WaitDeliveredAsync(id);
        }

        Assert.Equal((0, 0, 0), await CreditsAsync(api));
        foreach (var (id, _) in paid)
        {
            await _stripe.ResendAsync(id);
            await _stripe.WaitDeliveredAsync(id);
        }

        Assert.Equal((300, 0, 300), await CreditsAsync(api));
        Assert.Equal([("refund", 200L), ("purchase", 500L)], await JournalAsync(api));
    }

    [Fact]
    public async Task A_balance_pushed_negative_shows_in_the_journal_blocks_new_jobs_with_402_and_a_running_job_finishes_as_quoted()
    {
        using var api = fixture.Api(Users.New("chargeback"));
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, "starter");
        await _stripe.PayAsync(sessionId);
        var spent = await Jobs.WaitForTerminalAsync(api, await Jobs.StartAsync(api, "/api/images", Image()));
        Assert.Equal("succeeded", (string?)spent["status"]);
        string running;
        using (fixture.SlowModel(ImageModel, TimeSpan.FromSeconds(4)))
        {
            running = await Jobs.StartAsync(api, "/api/images", Image());
            await WaitUntilReservedAsync(api, 1);

            await _stripe.DisputeAsync(sessionId);

            // 100 bought, 1 spent, 1 held by the running job, 100 taken back
            Assert.Equal((-1, 1, -2), await CreditsAsync(api));
            var refused = await ProblemAsync(await api.PostJsonAsync("/api/images", Image()), HttpStatusCode.PaymentRequired, "insufficient_credits");
            Assert.Equal((1L, -2L), ((long)refused["required"]!, (long)refused["available"]!));
        }

        var finished = await Jobs.WaitForTerminalAsync(api, running);
        Assert.Equal("succeeded", (string?)finished["status"]);
        Assert.Equal((-2, 0, -2), await CreditsAsync(api));
        var journal = await JournalAsync(api);
        Assert.Equal(("capture", 1L), journal[0]);
        Assert.Contains(("dispute", 100L), journal);
        var dispute = (await GetAsync(api, "/api/credits/entries"))["items"]!.AsArray().Single(e => (string?)e!["kind"] == "dispute")!;
        Assert.Equal((-1L, -2L), ((long)dispute["balanceAfter"]!, (long)dispute["availableAfter"]!));
        await ProblemAsync(await api.PostJsonAsync("/api/images", Image()), HttpStatusCode.PaymentRequired, "insufficient_credits");
    }

    private static object Image() => new { prompt = "a lighthouse at dawn", width = 1024, height = 1024 };

    private static async Task WaitUntilReservedAsync(ApiClient api, long reserved)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await CreditsAsync(api)).Reserved != reserved)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job never reserved its credits");
            await Task.Delay(100);
        }
    }
}
