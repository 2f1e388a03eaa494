using Natak.EndToEnd.Tests.Infrastructure;
using static Natak.EndToEnd.Tests.Money.MoneyCalls;

namespace Natak.EndToEnd.Tests.Payments;

/// <summary>The cost report counts what Stripe reported as paid in the period, net of refunds and of disputes that stand.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class PaymentRevenueTests(PaymentsHostFixture fixture)
{
    private readonly StripeCalls _stripe = new(fixture);

    [Fact]
    public async Task The_cost_report_shows_payment_revenue_net_of_refunds_and_disputes_for_the_period()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var before = Revenue(await GetAsync(admin, Period(from, from.AddHours(1))));

        using var buyer = fixture.Api(Users.New("revenue"));
        var pro = (await StripeCalls.CheckoutAsync(buyer, "pro")).SessionId;
        var agency = (await StripeCalls.CheckoutAsync(buyer, "agency")).SessionId;
        var starter = (await StripeCalls.CheckoutAsync(buyer, "starter")).SessionId;
        await _stripe.PayAsync(pro);
        await _stripe.PayAsync(agency);
        await _stripe.PayAsync(starter);
        await _stripe.RefundAsync(pro, 750);
        await _stripe.DisputeAsync(starter);

        var report = await GetAsync(admin, Period(from, DateTimeOffset.UtcNow.AddMinutes(1)));
        var after = Revenue(report);
        Assert.Equal(before.Payments + 3, after.Payments);
        Assert.Equal(before.Gross + 85.00m, after.Gross);
        Assert.Equal(before.Refunded + 7.50m, after.Refunded);
        Assert.Equal(before.Disputed + 5.00m, after.Disputed);
        Assert.Equal(before.Net + 72.50m, after.Net);
        Assert.NotNull(report["total"]!["margins"]);

        // a dispute counts while it stands; won, it took nothing
        await _stripe.DisputeAsync(agency);
        var disputed = Revenue(await GetAsync(admin, Period(from, DateTimeOffset.UtcNow.AddMinutes(1))));
        await _stripe.CloseDisputeAsync(agency, "won");
        var won = Revenue(await GetAsync(admin, Period(from, DateTimeOffset.UtcNow.AddMinutes(1))));
        Assert.Equal((after.Disputed + 60.00m, after.Net - 60.00m), (disputed.Disputed, disputed.Net));
        Assert.Equal(after, won);

        var earlier = Revenue(await GetAsync(admin, Period(from.AddDays(-2), from.AddDays(-1))));
        Assert.Equal((0L, 0m), (earlier.Payments, earlier.Net));
    }

    private static string Period(DateTimeOffset from, DateTimeOffset to) =>
        $"/api/admin/costs?from={Uri.EscapeDataString(from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))}" +
        $"&to={Uri.EscapeDataString(to.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))}";

    private static (long Payments, decimal Gross, decimal Refunded, decimal Disputed, decimal Net) Revenue(System.Text.Json.Nodes.JsonObject report)
    {
        var p = report["payments"]!;
        return ((long)p["payments"]!, Decimal(p["grossUsd"]), Decimal(p["refundedUsd"]), Decimal(p["disputedUsd"]), Decimal(p["netUsd"]));
    }
}
