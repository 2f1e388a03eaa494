using System.Globalization;
using System.Web;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Natak.Testing;

namespace Natak.Assets.Tests;

/// <summary>Presigned GETs signed at the start of a time window: the same URL until the window turns, valid at s3rver.</summary>
public sealed class StablePresignTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    [Theory]
    [InlineData("users/u1/jobs/img_1/out.png")]
    [InlineData("users/u1/uploads/up3/Portrait (1) é|@:+~.JPG")]
    public async Task The_windowed_signer_produces_exactly_the_url_the_sdk_signs_for_the_same_instant(string key)
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials(LocalServices.S3AccessKey, LocalServices.S3SecretKey), AssetStore.CreateConfig(new Uri(fixture.S3Url)));
        var sdkUrl = new Uri(await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = LocalServices.S3Bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddMinutes(30),
        }));
        var sdkQuery = HttpUtility.ParseQueryString(sdkUrl.Query);
        var signedAt = DateTimeOffset.ParseExact(sdkQuery["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var lifetime = TimeSpan.FromSeconds(int.Parse(sdkQuery["X-Amz-Expires"]!, CultureInfo.InvariantCulture));

        var ours = new QueryStringSigner(new Uri(fixture.S3Url), LocalServices.S3Bucket, LocalServices.S3AccessKey, LocalServices.S3SecretKey)
            .PresignGet(key, signedAt, lifetime);

        Assert.Equal(sdkUrl.AbsolutePath, ours.AbsolutePath);
        var ourQuery = HttpUtility.ParseQueryString(ours.Query);
        Assert.Equal(
            sdkQuery.AllKeys.Order(StringComparer.Ordinal).Select(k => (k, sdkQuery[k])),
            ourQuery.AllKeys.Order(StringComparer.Ordinal).Select(k => (k, ourQuery[k])));
    }

    [Fact]
    public async Task Reads_within_a_window_get_the_same_url_which_s3rver_serves_and_the_next_window_gets_a_new_one()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 10, 0, 5, TimeSpan.Zero));
        await using var services = Services(time);
        var store = services.GetRequiredService<IAssetStore>();
        var key = AssetKeys.Job(StorageFixture.NewUser(), "img_1", "out file.png");
        var bytes = TestFiles.Png(4_321);
        await store.PutAsync(key, new MemoryStream(bytes), AssetContentTypes.Png);

        var first = await store.GetDownloadUrlAsync(key);
        time.Advance(TimeSpan.FromMinutes(59));
        var second = await store.GetDownloadUrlAsync(key);
        time.Advance(TimeSpan.FromMinutes(1));
        var third = await store.GetDownloadUrlAsync(key);

        Assert.Equal(first, second);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 17, 0, 0, TimeSpan.Zero), first.ExpiresAt);
        Assert.NotEqual(first.Url, third.Url);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 18, 0, 0, TimeSpan.Zero), third.ExpiresAt);
        Assert.Equal("25200", HttpUtility.ParseQueryString(first.Url.Query)["X-Amz-Expires"]);
    }

    [Fact]
    public async Task A_windowed_url_reads_the_object_back_from_s3rver()
    {
        // s3rver checks the access key of a SigV4 URL but not its signature: the signature itself is proven
        // by the comparison with the SDK above.
        var key = AssetKeys.Job(StorageFixture.NewUser(), "img_2", "a b.png");
        var bytes = TestFiles.Png(2_345);
        await fixture.Store.PutAsync(key, new MemoryStream(bytes), AssetContentTypes.Png);
        using var http = new HttpClient();

        var url = (await fixture.Store.GetDownloadUrlAsync(key)).Url;

        Assert.Equal(bytes, await http.GetByteArrayAsync(url));
    }

    private ServiceProvider Services(TimeProvider time)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["R2_ENDPOINT"] = fixture.S3Url,
            ["R2_ACCESS_KEY_ID"] = LocalServices.S3AccessKey,
            ["R2_SECRET_ACCESS_KEY"] = LocalServices.S3SecretKey,
            ["R2_BUCKET"] = LocalServices.S3Bucket,
        }).Build();
        return new ServiceCollection().AddLogging().AddSingleton(time).AddNatakAssets(configuration).BuildServiceProvider();
    }
}
