using System.Net;
using System.Net.Sockets;

namespace Natak.Core.Requests;

/// <summary>Which IP addresses a download may connect to: public unicast only (SSRF rules); <see cref="UrlPolicy"/> applies them.</summary>
internal static class AddressPolicy
{
    // Instance-metadata endpoints (AWS/GCP/Azure/Oracle, AWS ECS, AWS IPv6, Alibaba): refused even for
    // allow-listed development hosts, because no development service ever lives there.
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"),
        IPAddress.Parse("169.254.170.2"),
        IPAddress.Parse("fd00:ec2::254"),
        IPAddress.Parse("100.100.100.200"),
    ];

    public static bool IsMetadata(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Array.Exists(MetadataAddresses, m => m.Equals(normalized));
    }

    /// <summary>
    /// False for unspecified, loopback, private, CGNAT, link-local, multicast, broadcast, documentation and
    /// reserved ranges, and for IPv6 forms that embed such an IPv4 address.
    /// </summary>
    public static bool IsPublic(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
        AddressFamily.InterNetworkV6 => IsPublicV6(address.GetAddressBytes()),
        _ => false,
    };

    private static bool IsPublicV4(ReadOnlySpan<byte> a) => a[0] switch
    {
        0 => false,                                     // "this network", unspecified
        10 => false,                                    // private
        100 when (a[1] & 0xC0) == 64 => false,          // 100.64.0.0/10 CGNAT
        127 => false,                                   // loopback
        169 when a[1] == 254 => false,                  // link-local, metadata
        172 when (a[1] & 0xF0) == 16 => false,          // 172.16.0.0/12 private
        192 when a[1] == 0 && a[2] == 0 => false,       // 192.0.0.0/24 IETF protocol assignments
        192 when a[1] == 0 && a[2] == 2 => false,       // TEST-NET-1
        192 when a[1] == 88 && a[2] == 99 => false,     // 6to4 relay anycast
        192 when a[1] == 168 => false,                  // private
        198 when (a[1] & 0xFE) == 18 => false,          // 198.18.0.0/15 benchmarking
        198 when a[1] == 51 && a[2] == 100 => false,    // TEST-NET-2
        203 when a[1] == 0 && a[2] == 113 => false,     // TEST-NET-3
        >= 224 => false,                                // multicast, reserved, broadcast
        _ => true,
    };

    private static bool IsPublicV6(byte[] a)
    {
        var span = a.AsSpan();
        if (span[..10].IndexOfAnyExcept((byte)0) < 0)
        {
            // ::/80 holds ::, ::1, IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d): judge the IPv4
            // part (0.0.0.0 and 0.0.0.1 for :: and ::1 are not public); anything else there is reserved.
            var mappedOrCompatible = (span[10] == 0xFF && span[11] == 0xFF) || (span[10] == 0 && span[11] == 0);
            return mappedOrCompatible && IsPublicV4(span[12..]);
        }

        if (a[0] == 0x00 && a[1] == 0x64 && a[2] == 0xFF && a[3] == 0x9B)
        {
            // 64:ff9b::/96 NAT64 (and the local-use 64:ff9b:1::/48): judge the embedded IPv4 address.
            return IsPublicV4(span[12..]);
        }

        if (a[0] == 0x20 && a[1] == 0x02)
        {
            return IsPublicV4(span[2..6]);              // 2002::/16 6to4 embeds an IPv4 address
        }

        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x00 && a[3] == 0x00)
        {
            return false;                               // 2001::/32 Teredo tunnels to an obscured IPv4 address
        }

        if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0D && a[3] == 0xB8)
        {
            return false;                               // 2001:db8::/32 documentation
        }

        if (a[0] == 0x01 && a[1] == 0x00 && span[2..8].IndexOfAnyExcept((byte)0) < 0)
        {
            return false;                               // 100::/64 discard
        }

        return (a[0] & 0xFE) != 0xFC                    // fc00::/7 unique local (incl. fd00:ec2::254)
            && !(a[0] == 0xFE && (a[1] & 0xC0) == 0x80) // fe80::/10 link-local
            && !(a[0] == 0xFE && (a[1] & 0xC0) == 0xC0) // fec0::/10 deprecated site-local
            && a[0] != 0xFF;                            // ff00::/8 multicast
    }
}
