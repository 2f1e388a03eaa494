namespace Natak.Core.Requests;

/// <summary>
/// Field path (camelCase, as in the request body: <c>width</c>, <c>control.imageUrl</c>, <c>imageUrls[2]</c>) →
/// messages. Empty means valid. The API's <c>validation_failed</c> problem carries <see cref="ToDictionary"/> as
/// its <c>errors</c> map.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>The fields with errors, in the order they were found.</summary>
    public IEnumerable<string> Fields => _errors.Keys;

    /// <summary>The messages of one field (empty when it has none).</summary>
    public IReadOnlyList<string> this[string field] => _errors.TryGetValue(field, out var messages) ? messages : [];

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>Adds another set's errors with <paramref name="prefix"/> before each field (<c>request.width</c>).</summary>
    public void AddAll(ValidationErrors other, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, messages) in other._errors)
        {
            foreach (var message in messages)
            {
                Add(prefix + field, message);
            }
        }
    }

    /// <summary>A copy in the shape problem details serialize: field → messages.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
}
