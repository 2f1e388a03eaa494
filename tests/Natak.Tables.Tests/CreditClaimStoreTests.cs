using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Credits;
using Natak.Testing;

namespace Natak.Tables.Tests;

public sealed class CreditClaimStoreTests
{
    [Fact]
    public async Task The_first_claim_of_an_id_is_created_and_every_later_claim_gets_it_back()
    {
        var store = await NewStoreAsync();
        var first = new CreditClaim(CreditKind.Purchase, "pay_1", "alice", 100, "starter");

        var created = await store.ClaimAsync(first);
        var repeat = await store.ClaimAsync(first);
        var otherUser = await store.ClaimAsync(first with { UserId = "mallory", Credits = 2000, Detail = "agency" });

        Assert.Equal(new CreditClaimResult(first, Created: true), created);
        Assert.Equal(new CreditClaimResult(first, Created: false), repeat);
        Assert.Equal(new CreditClaimResult(first, Created: false), otherUser);
        Assert.Equal(first, await store.GetAsync(CreditKind.Purchase, "pay_1"));
    }

    [Fact]
    public async Task A_purchase_and_a_grant_with_the_same_id_are_different_claims()
    {
        var store = await NewStoreAsync();

        var purchase = await store.ClaimAsync(new CreditClaim(CreditKind.Purchase, "same-id", "alice", 100, "starter"));
        var grant = await store.ClaimAsync(new CreditClaim(CreditKind.Grant, "same-id", "bob", 5, "welcome"));

        Assert.True(purchase.Created);
        Assert.True(grant.Created);
        Assert.Equal("bob", (await store.GetAsync(CreditKind.Grant, "same-id"))?.UserId);
        Assert.Null(await store.GetAsync(CreditKind.Adjust, "same-id"));
    }

    [Fact]
    public async Task Of_many_racing_claims_for_one_id_exactly_one_is_created_and_all_see_the_same_winner()
    {
        var store = await NewStoreAsync();
        var claims = Enumerable.Range(0, 30)
            .Select(i => new CreditClaim(CreditKind.Purchase, "pay_race", "user-" + i, 500, "pro"))
            .ToList();

        var results = await Task.WhenAll(claims.Select(c => Task.Run(() => store.ClaimAsync(c))));

        var winner = Assert.Single(results, r => r.Created).Claim;
        Assert.All(results, r => Assert.Equal(winner, r.Claim));
        Assert.Equal(winner, await store.GetAsync(CreditKind.Purchase, "pay_race"));
    }

    [Theory]
    [InlineData("has/slash")]
    [InlineData("has#hash")]
    [InlineData("")]
    public async Task Ids_that_cannot_be_table_keys_are_refused_before_anything_is_written(string id)
    {
        var store = await NewStoreAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => store.ClaimAsync(new CreditClaim(CreditKind.Grant, id, "alice", 5, "welcome")));
    }

    private static async Task<CreditClaimStore> NewStoreAsync()
    {
        var tables = new TableServiceClient(await LocalServices.StorageConnectionStringAsync());
        return new CreditClaimStore(tables, Options.Create(new CreditClaimStoreOptions { TableName = Unique.Name("claims") }));
    }
}
