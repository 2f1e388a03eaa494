using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Webhooks;
using Natak.Testing;

namespace Natak.Tables.Tests;

public sealed class WebhookInboxTests
{
    [Fact]
    public async Task A_delivery_is_first_once_and_duplicates_are_counted()
    {
        var inbox = await NewInboxAsync();
        var receipt = Receipt();

        Assert.True(await inbox.RecordAsync(receipt));
        Assert.False(await inbox.RecordAsync(receipt));
        Assert.Equal(2, (await inbox.GetAsync("fal", "req-1", "img_1", "generate"))!.Deliveries);
    }

    [Fact]
    public async Task A_forgotten_receipt_makes_the_providers_retry_of_the_delivery_first_again()
    {
        var inbox = await NewInboxAsync();
        var receipt = Receipt();
        Assert.True(await inbox.RecordAsync(receipt));

        await inbox.ForgetAsync(receipt);

        Assert.Null(await inbox.GetAsync("fal", "req-1", "img_1", "generate"));
        Assert.True(await inbox.RecordAsync(receipt));
    }

    private static WebhookReceipt Receipt() => new("fal", "req-1", "img_1", "generate", "OK", DateTimeOffset.UtcNow);

    private static async Task<WebhookInbox> NewInboxAsync()
    {
        var tables = new TableServiceClient(await LocalServices.StorageConnectionStringAsync());
        return new WebhookInbox(tables, Options.Create(new WebhookInboxOptions { TableName = Unique.Name("inbox") }));
    }
}
