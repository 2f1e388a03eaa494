using Natak.Core.Media;
using static Natak.Core.Tests.Media.MediaBytes;

namespace Natak.Core.Tests.Media;

public class ImageHeaderTests
{
    [Fact]
    public void Reads_the_size_of_a_png()
    {
        Assert.Equal(new ImageDimensions(1024, 768), ImageHeader.Read(Png(1024, 768)));
    }

    [Theory]
    [InlineData(0xC0)] // baseline
    [InlineData(0xC2)] // progressive
    public void Reads_the_size_of_a_jpeg_from_its_frame_header_past_other_segments(byte marker)
    {
        Assert.Equal(new ImageDimensions(5120, 2880), ImageHeader.Read(Jpeg(5120, 2880, marker)));
    }

    [Fact]
    public void Reads_the_size_of_each_webp_flavour()
    {
        Assert.Equal(new ImageDimensions(1024, 576), ImageHeader.Read(WebpLossy(1024, 576)));
        Assert.Equal(new ImageDimensions(4096, 3000), ImageHeader.Read(WebpLossless(4096, 3000)));
        Assert.Equal(new ImageDimensions(10240, 10240), ImageHeader.Read(WebpExtended(10240, 10240)));
    }

    [Fact]
    public void Reads_the_size_of_a_gif()
    {
        Assert.Equal(new ImageDimensions(320, 200), ImageHeader.Read(Gif(320, 200)));
    }

    [Fact]
    public void Truncated_or_foreign_bytes_have_no_size()
    {
        Assert.Null(ImageHeader.Read(Png(1024, 768).AsSpan(0, 20)));
        Assert.Null(ImageHeader.Read(Jpeg(1024, 768).AsSpan(0, 30)));
        Assert.Null(ImageHeader.Read(WebpLossy(1024, 768).AsSpan(0, 24)));
        Assert.Null(ImageHeader.Read("hello world"u8));
        Assert.Null(ImageHeader.Read([]));
    }

    [Fact]
    public void A_jpeg_whose_scan_starts_before_a_frame_header_has_no_size()
    {
        byte[] scanFirst = [0xFF, 0xD8, 0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0xFF, 0xD9];

        Assert.Null(ImageHeader.Read(scanFirst));
    }
}
