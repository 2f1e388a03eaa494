namespace Natak.Core.Pricing;

/// <summary>Every problem found in a catalogue, each written <c>path: message</c>, in the order found.</summary>
internal sealed class CatalogErrors
{
    private readonly List<string> _errors = [];

    public IReadOnlyList<string> All => _errors;

    public int Count => _errors.Count;

    public void Add(string path, string message)
    {
        var error = $"{path}: {message}";
        if (!_errors.Contains(error, StringComparer.Ordinal))
        {
            _errors.Add(error);
        }
    }
}
