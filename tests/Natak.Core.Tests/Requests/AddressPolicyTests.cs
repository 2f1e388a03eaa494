using System.Net;
using Natak.Core.Requests;

namespace Natak.Core.Tests.Requests;

/// <summary>The address rules every download connects under (<see cref="UrlPolicy.MayConnect"/>).</summary>
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.1")]
    [InlineData("169.253.1.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:82b::200e")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Public_unicast_addresses_may_be_fetched(string address)
    {
        Assert.True(UrlPolicy.MayConnect(IPAddress.Parse(address), allowListed: false));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("0.1.2.3")]
    [InlineData("10.255.255.255")]
    [InlineData("100.64.0.0")]
    [InlineData("100.127.255.255")]
    [InlineData("127.0.0.1")]
    [InlineData("169.254.0.1")]
    [InlineData("172.16.0.0")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.0.2.1")]
    [InlineData("192.168.255.255")]
    [InlineData("198.18.0.1")]
    [InlineData("198.19.255.255")]
    [InlineData("198.51.100.7")]
    [InlineData("203.0.113.9")]
    [InlineData("224.0.0.251")]
    [InlineData("239.255.255.250")]
    [InlineData("240.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("::127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("2001:0:4136:e378::1")]
    [InlineData("2001:db8::1")]
    [InlineData("100::1")]
    [InlineData("fc00::1")]
    [InlineData("fdff:ffff::1")]
    [InlineData("fe80::1")]
    [InlineData("febf::1")]
    [InlineData("fec0::1")]
    [InlineData("ff02::1")]
    [InlineData("fd00:ec2::254")]
    public void Non_public_addresses_may_not_be_fetched(string address)
    {
        Assert.False(UrlPolicy.MayConnect(IPAddress.Parse(address), allowListed: false));
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("169.254.170.2")]
    [InlineData("fd00:ec2::254")]
    [InlineData("100.100.100.200")]
    public void Cloud_metadata_addresses_stay_refused_even_for_an_allow_listed_host(string address)
    {
        Assert.False(UrlPolicy.MayConnect(IPAddress.Parse(address), allowListed: true));
        Assert.False(UrlPolicy.MayConnect(IPAddress.Parse(address), allowListed: false));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.7")]
    [InlineData("::1")]
    public void An_allow_listed_development_host_may_resolve_to_loopback_or_private_addresses(string address)
    {
        Assert.True(UrlPolicy.MayConnect(IPAddress.Parse(address), allowListed: true));
    }
}
