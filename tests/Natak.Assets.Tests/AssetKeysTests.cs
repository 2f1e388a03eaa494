namespace Natak.Assets.Tests;

public sealed class AssetKeysTests
{
    [Fact]
    public void Everything_a_user_owns_is_laid_out_under_their_prefix()
    {
        Assert.Equal("users/auth0|abc/", AssetKeys.UserPrefix("auth0|abc"));
        Assert.Equal("users/u1/uploads/up_1/me-1.jpg", AssetKeys.Upload("u1", "up_1", "me-1.jpg"));
        Assert.Equal("users/u1/jobs/img_01JD3/image-0.png", AssetKeys.Job("u1", "img_01JD3", "image-0.png"));
        Assert.Equal("users/u1/jobs/img_01JD3/", AssetKeys.JobPrefix("u1", "img_01JD3"));
        Assert.Equal("users/u1/characters/chr_7/lora.safetensors", AssetKeys.Character("u1", "chr_7", "lora.safetensors"));
        Assert.Equal("users/u1/characters/chr_7/", AssetKeys.CharacterPrefix("u1", "chr_7"));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("..", "file")]
    [InlineData(".", "file")]
    [InlineData("", "file")]
    [InlineData(null, "file")]
    [InlineData("/", "file")]
    [InlineData(".htaccess", "htaccess")]
    [InlineData("my photo (1).JPG", "my_photo_1_.JPG")]
    [InlineData("fête à Zoë.png", "f_te_Zo_.png")]
    [InlineData("a\u0000b\nc.jpg", "a_b_c.jpg")]
    [InlineData("trailing...", "trailing")]
    [InlineData("%2e%2e%2fx.png", "2e_2e_2fx.png")]
    public void File_names_are_sanitised_into_one_safe_segment(string? name, string expected)
    {
        var sanitized = AssetKeys.SanitizeFileName(name);

        Assert.Equal(expected, sanitized);
        Assert.True(AssetKeys.IsValidKey(sanitized));
    }

    [Fact]
    public void Long_file_names_are_cut_to_the_limit_keeping_the_extension()
    {
        var sanitized = AssetKeys.SanitizeFileName(new string('a', 300) + ".jpeg");

        Assert.Equal(AssetKeys.MaxFileNameLength, sanitized.Length);
        Assert.EndsWith("a.jpeg", sanitized, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../u2")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData("-x")]
    [InlineData("a b")]
    [InlineData("a%2Fb")]
    public void Ids_that_could_escape_their_segment_are_refused(string id)
    {
        Assert.False(AssetKeys.IsValidId(id));
        Assert.Throws<ArgumentException>(() => AssetKeys.UserPrefix(id));
        Assert.Throws<ArgumentException>(() => AssetKeys.Upload("u1", id, "a.jpg"));
        Assert.Throws<ArgumentException>(() => AssetKeys.Job("u1", id, "a.jpg"));
        Assert.Throws<ArgumentException>(() => AssetKeys.Character("u1", id, "a.jpg"));
    }

    [Fact]
    public void Ids_longer_than_the_limit_are_refused()
    {
        Assert.True(AssetKeys.IsValidId(new string('a', AssetKeys.MaxIdLength)));
        Assert.False(AssetKeys.IsValidId(new string('a', AssetKeys.MaxIdLength + 1)));
    }

    [Theory]
    [InlineData("users/u1/../u2/a.png")]
    [InlineData("users/u1/./a.png")]
    [InlineData("../users/u1/a.png")]
    [InlineData("/users/u1/a.png")]
    [InlineData("users//u1/a.png")]
    [InlineData("users/u1/")]
    [InlineData("users\\u1\\a.png")]
    [InlineData("users/u1/a\u0000.png")]
    [InlineData("")]
    public void Malformed_or_traversing_keys_are_invalid(string key)
    {
        Assert.False(AssetKeys.IsValidKey(key));
        Assert.False(AssetKeys.BelongsToUser(key, "u1"));
    }

    [Fact]
    public void Keys_longer_than_1024_utf8_bytes_are_invalid()
    {
        Assert.True(AssetKeys.IsValidKey("users/u1/" + new string('a', 1015)));
        Assert.False(AssetKeys.IsValidKey("users/u1/" + new string('a', 1016)));
        Assert.False(AssetKeys.IsValidKey("users/u1/" + new string('é', 508)));
    }

    [Theory]
    [InlineData("users/u1/uploads/x/a.jpg", "u1", true)]
    [InlineData("users/u1/jobs/j/a.png", "u1", true)]
    [InlineData("users/u10/uploads/x/a.jpg", "u1", false)]
    [InlineData("users/u1", "u1", false)]
    [InlineData("users/u2/uploads/x/a.jpg", "u1", false)]
    [InlineData("Users/u1/uploads/x/a.jpg", "u1", false)]
    [InlineData("users/U1/uploads/x/a.jpg", "u1", false)]
    [InlineData("users/u1/../u2/a.jpg", "u1", false)]
    [InlineData("other/users/u1/a.jpg", "u1", false)]
    [InlineData("users/../a.jpg", "..", false)]
    public void A_key_belongs_to_a_user_only_inside_their_prefix(string key, string userId, bool expected)
    {
        Assert.Equal(expected, AssetKeys.BelongsToUser(key, userId));
    }

    [Theory]
    [InlineData("users/u1/", true)]
    [InlineData("users/u1/characters/c1/", true)]
    [InlineData("users/u1", false)]
    [InlineData("/", false)]
    [InlineData("", false)]
    [InlineData("users/../", false)]
    [InlineData("users//", false)]
    public void Prefixes_must_name_a_folder(string prefix, bool expected)
    {
        Assert.Equal(expected, AssetKeys.IsValidPrefix(prefix));
    }
}
