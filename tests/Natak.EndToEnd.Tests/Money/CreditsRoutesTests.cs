using System.Net;
using Natak.EndToEnd.Tests.Infrastructure;
using static Natak.EndToEnd.Tests.Money.MoneyCalls;

namespace Natak.EndToEnd.Tests.Money;

[Collection(MoneyCollection.Name)]
public sealed class CreditsRoutesTests(MoneyHostFixture fixture)
{
    [Fact]
    public async Task A_new_user_has_no_credits_and_a_grant_shows_in_balance_and_available()
    {
        var user = Users.New("saver");
        using var api = fixture.Api(user);
        Assert.Equal((0, 0, 0), await CreditsAsync(api));

        await fixture.GrantAsync(user, 10);

        Assert.Equal((10, 0, 10), await CreditsAsync(api));
    }

    [Fact]
    public async Task A_purchase_credits_the_pack_from_the_catalogue_201_first_and_200_with_the_same_body_after()
    {
        var user = Users.New("buyer");
        var paymentId = "pi_" + Guid.NewGuid().ToString("N");
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        using var api = fixture.Api(user);

        var first = await PostAsync(admin, "/api/credits/purchases", new { userId = user, pack = "pro", paymentId }, HttpStatusCode.Created);
        var again = await PostAsync(admin, "/api/credits/purchases", new { userId = user, pack = "pro", paymentId }, HttpStatusCode.OK);

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal((paymentId, user, "pro", 500L), ((string)first["paymentId"]!, (string)first["userId"]!, (string)first["pack"]!, (long)first["credits"]!));
        Assert.Equal(500, (long)first["balanceAfter"]!["available"]!);
        Assert.Equal((500, 0, 500), await CreditsAsync(api));
        var entry = Assert.Single((await GetAsync(api, "/api/credits/entries"))["items"]!.AsArray())!;
        Assert.Equal(("purchase", 500L, paymentId, "pro"), ((string)entry["kind"]!, (long)entry["amount"]!, (string)entry["reference"]!, (string)entry["reason"]!));
    }

    [Fact]
    public async Task Twenty_concurrent_purchases_with_one_payment_id_credit_the_pack_once()
    {
        var user = Users.New("eager");
        var paymentId = "pi_" + Guid.NewGuid().ToString("N");
        using var api = fixture.Api(user);
        var admins = Enumerable.Range(0, 20).Select(_ => fixture.Api(Users.New("admin"), admin: true)).ToList();
        try
        {
            var responses = await Task.WhenAll(admins.Select(a => a.PostJsonAsync("/api/credits/purchases", new { userId = user, pack = "starter", paymentId })));
            var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.Single(bodies.Distinct());
        }
        finally
        {
            admins.ForEach(a => a.Dispose());
        }

        Assert.Equal((100, 0, 100), await CreditsAsync(api));
        Assert.Equal([("purchase", 100L)], await JournalAsync(api));
    }

    [Fact]
    public async Task A_payment_id_already_used_for_another_user_or_pack_is_a_409_and_credits_nothing()
    {
        var alice = Users.New("alice");
        var mallory = Users.New("mallory");
        var paymentId = "pi_" + Guid.NewGuid().ToString("N");
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        using var malloryApi = fixture.Api(mallory);
        using var aliceApi = fixture.Api(alice);
        await PostAsync(admin, "/api/credits/purchases", new { userId = alice, pack = "starter", paymentId }, HttpStatusCode.Created);

        var otherUser = await admin.PostJsonAsync("/api/credits/purchases", new { userId = mallory, pack = "starter", paymentId });
        var otherPack = await admin.PostJsonAsync("/api/credits/purchases", new { userId = alice, pack = "agency", paymentId });

        await ProblemAsync(otherUser, HttpStatusCode.Conflict, "conflict");
        await ProblemAsync(otherPack, HttpStatusCode.Conflict, "conflict");
        Assert.Equal((0, 0, 0), await CreditsAsync(malloryApi));
        Assert.Equal((100, 0, 100), await CreditsAsync(aliceApi));
    }

    [Fact]
    public async Task A_purchase_names_every_invalid_field_and_never_takes_an_amount_from_the_request()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);

        await ValidationAsync(await admin.PostJsonAsync("/api/credits/purchases", new { pack = "gold", paymentId = "has space" }), "userId", "pack", "paymentId");
        await ValidationAsync(await admin.PostJsonAsync("/api/credits/purchases", new { userId = "u/1", pack = "pro", paymentId = new string('p', 129) }), "userId", "paymentId");
        await ValidationAsync(await admin.PostJsonAsync("/api/credits/purchases", new { userId = Users.New(), pack = "pro", paymentId = "pi_1", credits = 1_000_000 }), "credits");
    }

    [Fact]
    public async Task Purchases_and_grants_are_admin_routes_a_plain_user_gets_403_and_no_token_401()
    {
        var user = Users.New("sneaky");
        using var plain = fixture.Api(user);
        using var anonymous = fixture.Api();
        var purchase = new { userId = user, pack = "agency", paymentId = "pi_" + Guid.NewGuid().ToString("N") };
        var grant = new { userId = user, credits = 1000, reason = "I said so", grantId = "g-" + Guid.NewGuid().ToString("N") };

        await ProblemAsync(await plain.PostJsonAsync("/api/credits/purchases", purchase), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await plain.PostJsonAsync("/api/admin/credits/grants", grant), HttpStatusCode.Forbidden, "forbidden");
        await ProblemAsync(await anonymous.PostJsonAsync("/api/credits/purchases", purchase), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAsync(await anonymous.PostJsonAsync("/api/admin/credits/grants", grant), HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Equal((0, 0, 0), await CreditsAsync(plain));
    }

    [Fact]
    public async Task A_grant_is_applied_once_per_grant_id_and_a_reused_id_with_other_figures_is_a_409()
    {
        var user = Users.New("lucky");
        var grantId = "welcome-" + Guid.NewGuid().ToString("N");
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        using var api = fixture.Api(user);

        var first = await PostAsync(admin, "/api/admin/credits/grants", new { userId = user, credits = 25, reason = "welcome bonus", grantId }, HttpStatusCode.Created);
        var again = await PostAsync(admin, "/api/admin/credits/grants", new { userId = user, credits = 25, reason = "welcome bonus", grantId }, HttpStatusCode.OK);
        var bigger = await admin.PostJsonAsync("/api/admin/credits/grants", new { userId = user, credits = 2500, reason = "welcome bonus", grantId });

        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal((grantId, 25L, "welcome bonus"), ((string)first["grantId"]!, (long)first["credits"]!, (string)first["reason"]!));
        await ProblemAsync(bigger, HttpStatusCode.Conflict, "conflict");
        Assert.Equal((25, 0, 25), await CreditsAsync(api));
        Assert.Equal([("grant", 25L)], await JournalAsync(api));
    }

    [Fact]
    public async Task A_grant_must_be_bounded_and_give_a_reason()
    {
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        var user = Users.New();

        await ValidationAsync(await admin.PostJsonAsync("/api/admin/credits/grants", new { userId = user, credits = 0, reason = "x", grantId = "g1" }), "credits");
        await ValidationAsync(await admin.PostJsonAsync("/api/admin/credits/grants", new { userId = user, credits = 100_001, reason = "x", grantId = "g1" }), "credits");
        await ValidationAsync(await admin.PostJsonAsync("/api/admin/credits/grants", new { userId = user, credits = -5, reason = "   ", grantId = "g1" }), "credits", "reason");
        await ValidationAsync(await admin.PostJsonAsync("/api/admin/credits/grants", new { userId = user, credits = 5, reason = new string('r', 201) }), "reason", "grantId");
        await ValidationAsync(await admin.PostJsonAsync("/api/admin/credits/grants", new { userId = user, credits = "many", reason = "x", grantId = "g1" }), "credits");
    }

    [Fact]
    public async Task The_journal_pages_newest_first_and_shows_only_the_callers_entries()
    {
        var user = Users.New("pager");
        using var admin = fixture.Api(Users.New("admin"), admin: true);
        using var api = fixture.Api(user);
        using var stranger = fixture.Api(Users.New("stranger"));
        foreach (var credits in new[] { 1, 2, 3 })
        {
            await PostAsync(admin, "/api/admin/credits/grants", new { userId = user, credits, reason = "test", grantId = $"g-{credits}-{Guid.NewGuid():N}" }, HttpStatusCode.Created);
        }

        var first = await GetAsync(api, "/api/credits/entries?limit=2");
        var second = await GetAsync(api, "/api/credits/entries?limit=2&cursor=" + Uri.EscapeDataString((string)first["nextCursor"]!));

        Assert.Equal([3L, 2L], first["items"]!.AsArray().Select(e => (long)e!["amount"]!));
        Assert.Equal([3L, 2L], first["items"]!.AsArray().Select(e => (long)e!["seq"]!));
        Assert.Equal([6L, 3L], first["items"]!.AsArray().Select(e => (long)e!["balanceAfter"]!));
        Assert.Equal([1L], second["items"]!.AsArray().Select(e => (long)e!["amount"]!));
        Assert.Null(second["nextCursor"]);
        Assert.Empty((await GetAsync(stranger, "/api/credits/entries"))["items"]!.AsArray());
    }

    [Fact]
    public async Task A_bad_limit_or_cursor_is_a_400_and_no_token_is_a_401()
    {
        using var api = fixture.Api(Users.New("pager"));
        using var anonymous = fixture.Api();

        foreach (var limit in new[] { "0", "101", "ten", "-1" })
        {
            await ValidationAsync(await api.GetAsync("/api/credits/entries?limit=" + limit), "limit");
        }

        await ValidationAsync(await api.GetAsync("/api/credits/entries?cursor=not-a-cursor"), "cursor");
        await ValidationAsync(await api.GetAsync("/api/credits/entries?cursor="), "cursor");
        await ProblemAsync(await anonymous.GetAsync("/api/credits/entries"), HttpStatusCode.Unauthorized, "unauthorized");
        await ProblemAsync(await anonymous.GetAsync("/api/credits"), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
