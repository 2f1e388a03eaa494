using System.Net;
using Natak.Core.Requests;

namespace Natak.Assets.Tests;

public sealed class SafeHttpFetcherTests : IAsyncLifetime
{
    private static readonly FetchLimits Images = new(AssetContentTypes.Images, 1 * TestFiles.MiB);

    private FileServer _files = null!;

    public async Task InitializeAsync() => _files = await FileServer.StartAsync();

    public async Task DisposeAsync() => await _files.DisposeAsync();

    [Theory]
    [InlineData("http://example.com/a.jpg")]
    [InlineData("ftp://example.com/a.jpg")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@example.com/a.jpg")]
    public async Task Urls_that_are_not_plain_https_are_refused_before_any_connection(string url)
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(new Uri(url), Images));

        Assert.Equal(SafeFetchErrorCodes.UrlNotAllowed, error.Code);
        Assert.Contains(new UrlPolicy(["127.0.0.1"]).Problem(new Uri(url))!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_http_is_refused_for_a_host_not_on_the_allow_list_even_on_loopback()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        _files.Serve("/a.jpg", TestFiles.Jpeg(1_000), "image/jpeg");

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(new Uri($"http://localhost:{_files.Port}/a.jpg"), Images));

        Assert.Equal(SafeFetchErrorCodes.UrlNotAllowed, error.Code);
        Assert.Contains("https", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("169.254.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("100.100.100.200")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("[::1]")]
    [InlineData("[::]")]
    [InlineData("[fe80::1]")]
    [InlineData("[fc00::1]")]
    [InlineData("[fd00:ec2::254]")]
    [InlineData("[ff02::1]")]
    [InlineData("[::ffff:127.0.0.1]")]
    [InlineData("[::ffff:169.254.169.254]")]
    [InlineData("[64:ff9b::a00:1]")]
    [InlineData("[2002:c0a8:101::1]")]
    [InlineData("2130706433")]
    [InlineData("0x7f.1")]
    [InlineData("017700000001")]
    [InlineData("127.1")]
    public async Task Ip_literals_of_forbidden_ranges_are_refused(string host)
    {
        using var fetcher = Fetcher(allowListed: ["localhost"]);
        var url = new Uri($"https://{host}/latest/meta-data/");

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(url, Images));

        Assert.Equal(SafeFetchErrorCodes.UrlNotAllowed, error.Code);
        Assert.Contains(UrlPolicy.ForbiddenAddress, error.Message, StringComparison.Ordinal);
        Assert.Equal(UrlPolicy.ForbiddenAddress, new UrlPolicy(["localhost"]).Problem(url)); // request validation says the same
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_with_the_real_resolver()
    {
        using var fetcher = new SafeHttpFetcher(Microsoft.Extensions.Options.Options.Create(new SafeFetchOptions()));
        var url = new Uri($"https://localhost:{_files.Port}/a.jpg");
        Assert.Null(UrlPolicy.HttpsOnly.Problem(url)); // a name can only be judged by what it resolves to

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(url, Images));

        Assert.Equal(SafeFetchErrorCodes.UrlNotAllowed, error.Code);
    }

    [Theory]
    [InlineData("10.0.0.7")]
    [InlineData("169.254.169.254")]
    [InlineData("fd00:ec2::254")]
    [InlineData("192.168.0.10")]
    [InlineData("93.184.216.34,192.168.0.10")] // one bad record among good ones is enough
    public async Task A_name_resolving_to_a_forbidden_address_is_refused_without_naming_the_address(string addresses)
    {
        using var fetcher = Fetcher(allowListed: [], resolve: ("files.example", addresses));

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(new Uri("https://files.example/a.jpg"), Images));

        Assert.Equal(SafeFetchErrorCodes.UrlNotAllowed, error.Code);
        foreach (var address in addresses.Split(','))
        {
            Assert.DoesNotContain(address, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Metadata_addresses_stay_refused_even_for_an_allow_listed_host()
    {
        using var fetcher = Fetcher(allowListed: ["169.254.169.254", "sim.local"], resolve: ("sim.local", "169.254.169.254"));

        var literal = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(new Uri("http://169.254.169.254/latest/meta-data/"), Images));
        var named = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(new Uri("http://sim.local/latest/meta-data/"), Images));

        Assert.Equal((SafeFetchErrorCodes.UrlNotAllowed, SafeFetchErrorCodes.UrlNotAllowed), (literal.Code, named.Code));
    }

    [Fact]
    public async Task The_connection_goes_to_the_address_that_was_checked()
    {
        // No DNS server knows "assets.natak.test": the fetch can only succeed by connecting to the address the
        // fetcher resolved and checked itself, which is what makes DNS rebinding useless.
        using var fetcher = Fetcher(allowListed: ["assets.natak.test"], resolve: ("assets.natak.test", "127.0.0.1"));
        var bytes = TestFiles.Png(2_000);
        _files.Serve("/p.png", bytes, "image/png");

        await using var content = await fetcher.FetchAsync(new Uri($"http://assets.natak.test:{_files.Port}/p.png"), Images);

        Assert.Equal(AssetContentTypes.Png, content.ContentType);
        Assert.Equal(bytes, await ReadAllAsync(content.Content));
    }

    [Fact]
    public async Task Redirects_to_allowed_targets_are_followed_up_to_the_limit()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        var bytes = TestFiles.Jpeg(5_000);
        var target = _files.Serve("/final.jpg", bytes, "image/jpeg");
        _files.Redirect("/r3", target.ToString(), 308);
        _files.Redirect("/r2", "/r3", 307);
        var first = _files.Redirect("/r1", "/r2", 301);

        await using var content = await fetcher.FetchAsync(first, Images);

        Assert.Equal(bytes, await ReadAllAsync(content.Content));
    }

    [Fact]
    public async Task More_than_three_redirects_fail()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        _files.Serve("/end.jpg", TestFiles.Jpeg(100), "image/jpeg");
        _files.Redirect("/h4", "/end.jpg");
        _files.Redirect("/h3", "/h4");
        _files.Redirect("/h2", "/h3");
        var first = _files.Redirect("/h1", "/h2");

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(first, Images));

        Assert.Equal(SafeFetchErrorCodes.FetchFailed, error.Code);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/iam/")]
    [InlineData("https://10.0.0.1/admin")]
    [InlineData("http://localhost:{port}/a.jpg")]
    [InlineData("https://internal.example/a.jpg")]
    [InlineData("file:///etc/passwd")]
    public async Task A_redirect_to_a_forbidden_target_is_refused(string location)
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"], resolve: ("internal.example", "10.1.1.1"));
        _files.Serve("/a.jpg", TestFiles.Jpeg(100), "image/jpeg");
        var start = _files.Redirect("/go", location.Replace("{port}", _files.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(start, Images));

        Assert.Equal(SafeFetchErrorCodes.UrlNotAllowed, error.Code);
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_is_refused_before_reading()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        var url = _files.Serve("/big.jpg", TestFiles.Jpeg(2_000), "image/jpeg");

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(url, new FetchLimits(AssetContentTypes.Images, 1_999)));

        Assert.Equal(SafeFetchErrorCodes.TooLarge, error.Code);
    }

    [Fact]
    public async Task A_body_without_a_length_is_cut_off_once_it_passes_the_cap()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        var url = _files.Serve("/stream.jpg", TestFiles.Jpeg(600_000), "image/jpeg", sendLength: false);
        await using var content = await fetcher.FetchAsync(url, new FetchLimits(AssetContentTypes.Images, 500_000));

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => ReadAllAsync(content.Content));

        Assert.Equal(SafeFetchErrorCodes.TooLarge, error.Code);
    }

    [Fact]
    public async Task A_body_exactly_at_the_cap_is_accepted()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        var bytes = TestFiles.Jpeg(500_000);
        var url = _files.Serve("/exact.jpg", bytes, "image/jpeg", sendLength: false);
        await using var content = await fetcher.FetchAsync(url, new FetchLimits(AssetContentTypes.Images, 500_000));

        Assert.Equal(bytes, await ReadAllAsync(content.Content));
    }

    [Fact]
    public async Task A_source_that_stops_sending_mid_body_is_given_up_on()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"], readIdleTimeout: TimeSpan.FromMilliseconds(300));
        var url = _files.Stall("/stall.jpg", TestFiles.Jpeg(1_000), "image/jpeg");
        await using var content = await fetcher.FetchAsync(url, Images);

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => ReadAllAsync(content.Content));

        Assert.Equal(SafeFetchErrorCodes.FetchFailed, error.Code);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/svg+xml")]
    [InlineData("video/mp4")]
    public async Task A_declared_content_type_outside_the_allow_list_is_refused(string contentType)
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        var url = _files.Serve("/typed", TestFiles.Jpeg(1_000), contentType);

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(url, Images));

        Assert.Equal(SafeFetchErrorCodes.UnsupportedContentType, error.Code);
    }

    [Fact]
    public async Task Generic_or_missing_content_types_are_decided_by_the_bytes()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        var octet = _files.Serve("/octet", TestFiles.Png(1_000), "application/octet-stream");
        var none = _files.Serve("/none", TestFiles.Jpeg(1_000), contentType: null);

        await using var first = await fetcher.FetchAsync(octet, Images);
        await using var second = await fetcher.FetchAsync(none, Images);

        Assert.Equal((AssetContentTypes.Png, AssetContentTypes.Jpeg), (first.ContentType, second.ContentType));
    }

    [Fact]
    public async Task An_error_status_from_the_source_is_a_fetch_failure()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(_files.Url("/nothing-here.jpg"), Images));

        Assert.Equal(SafeFetchErrorCodes.FetchFailed, error.Code);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_refuses_connections_is_a_fetch_failure()
    {
        using var fetcher = Fetcher(allowListed: ["127.0.0.1"]);
        var closedPort = Natak.Testing.FreePort.Next();

        var error = await Assert.ThrowsAsync<SafeFetchException>(() => fetcher.FetchAsync(new Uri($"http://127.0.0.1:{closedPort}/a.jpg"), Images));

        Assert.Equal(SafeFetchErrorCodes.FetchFailed, error.Code);
    }

    private static SafeHttpFetcher Fetcher(string[] allowListed, (string Name, string Addresses)? resolve = null, TimeSpan? readIdleTimeout = null)
    {
        var options = new SafeFetchOptions { ReadIdleTimeout = readIdleTimeout ?? TimeSpan.FromSeconds(30) };
        foreach (var host in allowListed)
        {
            options.AllowedDevelopmentHosts.Add(host);
        }

        return new SafeHttpFetcher(options, (host, _) =>
        {
            if (resolve is { } r && string.Equals(host, r.Name, StringComparison.OrdinalIgnoreCase))
            {
                return Task.FromResult(r.Addresses.Split(',').Select(IPAddress.Parse).ToArray());
            }

            // Tests must not depend on outside DNS: any other name is unknown.
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
        });
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
