using System.Text.Json;

namespace Natak.Core.Pricing;

/// <summary>
/// A catalogue value the converters refuse, with the message meant for the operator; System.Text.Json adds the
/// path where it was found.
/// </summary>
internal sealed class CatalogJsonException : JsonException
{
    public CatalogJsonException(string message)
        : base(message)
    {
    }

    public CatalogJsonException()
    {
    }

    public CatalogJsonException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
