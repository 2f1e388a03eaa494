namespace Natak.Assets;

/// <summary>The stable codes of <see cref="SafeFetchException"/>; the API reports them as problem codes.</summary>
public static class SafeFetchErrorCodes
{
    /// <summary>The URL's scheme, host or resolved address is not one Natak may fetch (SSRF rules).</summary>
    public const string UrlNotAllowed = "url_not_allowed";

    /// <summary>The content is larger than the limit.</summary>
    public const string TooLarge = "too_large";

    /// <summary>The content is not of an allowed type, or its bytes do not match the type it claims.</summary>
    public const string UnsupportedContentType = "unsupported_content_type";

    /// <summary>The source could not be reached, answered with an error, or redirected too often.</summary>
    public const string FetchFailed = "fetch_failed";
}
