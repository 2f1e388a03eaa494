namespace Natak.Assets.Tests;

public sealed class CopyFromUrlTests(StorageFixture fixture) : IClassFixture<StorageFixture>
{
    private readonly IAssetStore _store = fixture.Store;

    [Fact]
    public async Task A_copy_stores_the_served_bytes_with_the_type_the_bytes_show()
    {
        var bytes = TestFiles.Jpeg(300_000);
        var source = fixture.Files.Serve("/copy/a.jpg", bytes, "image/jpg");
        var key = AssetKeys.Job(StorageFixture.NewUser(), "img_9", "a.jpg");

        var stored = await _store.CopyFromUrlAsync(source, key, AssetContentTypes.Images);

        Assert.Equal(new StoredAsset(key, AssetContentTypes.Jpeg, bytes.Length), stored);
        Assert.Equal(AssetContentTypes.Jpeg, (await _store.HeadAsync(key))?.ContentType);
        Assert.Equal(bytes, await DownloadAsync(key));
    }

    [Fact]
    public async Task A_copy_hands_back_the_first_bytes_that_passed_through_so_nothing_is_read_back()
    {
        var small = TestFiles.Jpeg(3_000);
        var large = TestFiles.Mp4(11 * TestFiles.MiB + 7);
        var user = StorageFixture.NewUser();

        var whole = await _store.CopyFromUrlWithPrefixAsync(fixture.Files.Serve("/copy/prefix-small.jpg", small, "image/jpeg"),
            AssetKeys.Job(user, "img_12", "small.jpg"), AssetContentTypes.Images, prefixBytes: 4_096);
        var head = await _store.CopyFromUrlWithPrefixAsync(fixture.Files.Serve("/copy/prefix-big.mp4", large, "video/mp4", sendLength: false),
            AssetKeys.Job(user, "vid_12", "big.mp4"), AssetContentTypes.Videos, prefixBytes: 1_000);

        Assert.Equal(small, whole.Prefix.ToArray()); // a smaller object: all of it
        Assert.Equal(small.Length, whole.Stored.Size);
        Assert.Equal(large.AsSpan(0, 1_000).ToArray(), head.Prefix.ToArray());
        Assert.Equal(large, await DownloadAsync(head.Stored.Key)); // the multipart copy still keeps every byte
    }

    [Fact]
    public async Task A_large_chunked_copy_streams_through_multipart_and_keeps_every_byte()
    {
        var bytes = TestFiles.Mp4(11 * TestFiles.MiB + 7);
        var source = fixture.Files.Serve("/copy/big.mp4", bytes, "video/mp4", sendLength: false);
        var key = AssetKeys.Job(StorageFixture.NewUser(), "vid_9", "big.mp4");
        using var parts = fixture.CountParts();

        var stored = await _store.CopyFromUrlAsync(source, key, AssetContentTypes.Videos);

        Assert.Equal(bytes.LongLength, stored.Size);
        Assert.Equal(3, parts.Multipart);
        Assert.Equal(bytes, await DownloadAsync(key));
    }

    [Fact]
    public async Task A_copy_over_the_cap_without_a_length_aborts_mid_stream_and_leaves_nothing()
    {
        var bytes = TestFiles.Mp4(12 * TestFiles.MiB);
        var source = fixture.Files.Serve("/copy/over-cap.mp4", bytes, "video/mp4", sendLength: false);
        var prefix = AssetKeys.JobPrefix(StorageFixture.NewUser(), "vid_10");
        using var parts = fixture.CountParts();

        var error = await Assert.ThrowsAsync<SafeFetchException>(() =>
            _store.CopyFromUrlAsync(source, prefix + "video.mp4", AssetContentTypes.Videos, maxBytes: 7 * TestFiles.MiB));

        Assert.Equal(SafeFetchErrorCodes.TooLarge, error.Code);
        Assert.Equal(1, parts.Multipart); // the first part went up before the cap was hit: the abort path ran
        Assert.Empty(await fixture.KeysAsync(prefix));
    }

    [Fact]
    public async Task A_copy_whose_declared_length_is_over_the_cap_is_refused_before_uploading()
    {
        var source = fixture.Files.Serve("/copy/declared-big.jpg", TestFiles.Jpeg(50_000), "image/jpeg");
        var prefix = AssetKeys.JobPrefix(StorageFixture.NewUser(), "img_11");
        using var parts = fixture.CountParts();

        var error = await Assert.ThrowsAsync<SafeFetchException>(() =>
            _store.CopyFromUrlAsync(source, prefix + "a.jpg", AssetContentTypes.Images, maxBytes: 10_000));

        Assert.Equal(SafeFetchErrorCodes.TooLarge, error.Code);
        Assert.Equal((0, 0), (parts.Single, parts.Multipart));
        Assert.Empty(await fixture.KeysAsync(prefix));
    }

    public static TheoryData<string, byte[], string> WrongContent => new()
    {
        { "/copy/not-really.jpg", TestFiles.Text(4_000), "image/jpeg" },       // a text file named .jpg, served as a JPEG
        { "/copy/mislabelled.jpg", TestFiles.Png(4_000), "image/jpeg" },       // a PNG claiming to be a JPEG
        { "/copy/clip.mp4", TestFiles.Mp4(4_000), "application/octet-stream" }, // a video where only images are allowed
        { "/copy/page.html", TestFiles.Jpeg(4_000), "text/html" },             // a declared type outside the allow-list
    };

    [Theory]
    [MemberData(nameof(WrongContent))]
    public async Task Content_whose_bytes_or_declared_type_are_not_an_allowed_image_is_rejected_and_nothing_stored(string path, byte[] body, string contentType)
    {
        var source = fixture.Files.Serve(path, body, contentType);
        var prefix = AssetKeys.UserPrefix(StorageFixture.NewUser());

        var error = await Assert.ThrowsAsync<SafeFetchException>(() =>
            _store.CopyFromUrlAsync(source, prefix + "x.jpg", AssetContentTypes.Images));

        Assert.Equal(SafeFetchErrorCodes.UnsupportedContentType, error.Code);
        Assert.Empty(await fixture.KeysAsync(prefix));
    }

    private async Task<byte[]> DownloadAsync(string key)
    {
        using var http = new HttpClient();
        return await http.GetByteArrayAsync((await _store.GetDownloadUrlAsync(key)).Url);
    }
}
