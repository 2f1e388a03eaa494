using Natak.Core.Requests;

namespace Natak.Core.Tests.Requests;

public class UrlPolicyTests
{
    private static readonly UrlPolicy Development = new(["localhost", "127.0.0.1"]);

    [Theory]
    [InlineData("https://cdn.example.com/a.png")]
    [InlineData("https://cdn.example.com:8443/a%20b.png?sig=1")]
    public void Absolute_https_urls_are_accepted(string url)
    {
        Assert.Null(UrlPolicy.HttpsOnly.Problem(url, 2048));
    }

    [Theory]
    [InlineData("http://cdn.example.com/a.png")]
    [InlineData("ftp://cdn.example.com/a.png")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/a.png")]
    [InlineData("not a url")]
    public void Anything_else_is_refused_in_production(string url)
    {
        Assert.Equal("must be an absolute https URL", UrlPolicy.HttpsOnly.Problem(url, 2048));
    }

    [Fact]
    public void Plain_http_is_accepted_only_for_allow_listed_hosts()
    {
        Assert.Null(Development.Problem("http://localhost:7080/fal/cdn/files/a.png", 2048));
        Assert.Null(Development.Problem("http://LOCALHOST:4569/bucket/a.png", 2048));
        Assert.Equal("must be an absolute https URL (plain http only for: 127.0.0.1, localhost)",
            Development.Problem("http://cdn.example.com/a.png", 2048));
    }

    [Fact]
    public void Credentials_in_a_url_are_refused()
    {
        Assert.Equal("must not carry credentials", UrlPolicy.HttpsOnly.Problem("https://user:secret@cdn.example.com/a.png", 2048));
    }

    [Theory]
    [InlineData("https://10.0.0.7/me.jpg")]
    [InlineData("https://[::1]/me.jpg")]
    [InlineData("https://2130706433/me.jpg")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    public void Ip_literals_of_forbidden_ranges_are_refused_before_anything_is_fetched(string url)
    {
        var development = new UrlPolicy(["localhost", "169.254.169.254"]);

        Assert.Equal(UrlPolicy.ForbiddenAddress, development.Problem(url, 2048));
    }

    [Fact]
    public void An_allow_listed_ip_literal_may_be_loopback_and_the_allow_list_ignores_brackets_and_a_trailing_dot()
    {
        var development = new UrlPolicy(["127.0.0.1", "[::1]", "localhost."]);

        Assert.Null(development.Problem("http://127.0.0.1:4569/bucket/a.png", 2048));
        Assert.Null(development.Problem("http://[::1]:4569/bucket/a.png", 2048));
        Assert.Null(development.Problem(new Uri("http://localhost:7080/a.png")));
        Assert.True(development.IsAllowListed("localhost"));
    }

    [Fact]
    public void Overlong_urls_are_refused()
    {
        Assert.Equal("must be at most 40 characters", UrlPolicy.HttpsOnly.Problem("https://cdn.example.com/" + new string('a', 20), 40));
    }

    [Fact]
    public void The_validator_applies_the_allow_list_it_is_given()
    {
        var request = new ImageRequest { Prompt = "x", SourceImageUrl = "http://localhost:4569/natak/me.png" };

        Assert.True(new RequestValidator(Pricing.Catalogs.Default, Development).Validate(request).IsValid);
        Assert.False(Validation.Validator.Validate(request).IsValid);
    }
}
