namespace Natak.Core.Pricing;

/// <summary>
/// A catalogue member filled in from where its object sits (a model's key, an endpoint's provider and variant),
/// never read from the document itself: the catalogue's JSON contract leaves it out. Other serializers still write it
/// (the price list shows each pack's key).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class SetByReaderAttribute : Attribute;
