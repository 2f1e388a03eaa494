namespace Natak.Simulator;

/// <summary>Short constructors for <see cref="FieldSpec"/>, so catalogues read like the providers' schemas.</summary>
internal static class Field
{
    public static FieldSpec Str(string name, bool required = false, int? maxLength = null) =>
        new(name, FieldKind.String) { Required = required, MaxLength = maxLength };

    public static FieldSpec Prompt(int? maxLength = null) => Str("prompt", required: true, maxLength);

    public static FieldSpec Url(string name, FetchKind fetch, bool required = true) =>
        new(name, FieldKind.String) { Required = required, Fetch = fetch };

    public static FieldSpec Int(string name, double? min = null, double? max = null) =>
        new(name, FieldKind.Integer) { Min = min, Max = max };

    public static FieldSpec Num(string name, double? min = null, double? max = null) =>
        new(name, FieldKind.Number) { Min = min, Max = max };

    public static FieldSpec Bool(string name) => new(name, FieldKind.Boolean);

    public static FieldSpec OneOf(string name, params string[] choices) => new(name, FieldKind.StringChoice) { Choices = choices };

    public static FieldSpec IntOneOf(string name, params long[] choices) => new(name, FieldKind.IntegerChoice) { IntegerChoices = choices };

    public static FieldSpec ImageSize(int min = 1, int max = 14142) => new("image_size", FieldKind.ImageSize) { SizeMin = min, SizeMax = max };

    public static FieldSpec Loras(int? maxItems = null) => new("loras", FieldKind.Loras) { MaxItems = maxItems, Fetch = FetchKind.File };

    public static FieldSpec List(string name) => new(name, FieldKind.List);

    public static FieldSpec Seed() => Int("seed");

    public static FieldSpec NumImages(int max = 4) => Int("num_images", 1, max);
}
