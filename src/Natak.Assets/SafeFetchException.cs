namespace Natak.Assets;

/// <summary>
/// Why a URL given by a user or a provider was not (fully) downloaded. <see cref="Code"/> is one of
/// <see cref="SafeFetchErrorCodes"/>; the message names the problem and is safe to show the caller
/// (no resolved addresses, no internals).
/// </summary>
public sealed class SafeFetchException : Exception
{
    public SafeFetchException(string code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    /// <summary>One of <see cref="SafeFetchErrorCodes"/>.</summary>
    public string Code { get; }

    internal static SafeFetchException NotAllowed(string message) => new(SafeFetchErrorCodes.UrlNotAllowed, message);

    internal static SafeFetchException TooLarge(long maxBytes) =>
        new(SafeFetchErrorCodes.TooLarge, $"The content is larger than the limit of {maxBytes} bytes.");

    internal static SafeFetchException Unsupported(string message) => new(SafeFetchErrorCodes.UnsupportedContentType, message);

    internal static SafeFetchException Failed(string message, Exception? innerException = null) =>
        new(SafeFetchErrorCodes.FetchFailed, message, innerException);
}
