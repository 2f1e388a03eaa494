namespace Natak.Simulator;

internal enum FieldKind
{
    String,
    Integer,
    Number,
    Boolean,
    StringChoice,
    IntegerChoice,
    ImageSize,
    Loras,
    List,
}

/// <summary>What the provider does with a URL field before it runs the model.</summary>
internal enum FetchKind
{
    None,

    /// <summary>Downloaded and decoded: its pixel size matters.</summary>
    Image,

    /// <summary>Downloaded; its size and duration are read when it is an MP4.</summary>
    Video,

    /// <summary>Downloaded and opened as a zip of training images.</summary>
    Archive,

    /// <summary>Downloaded (a LoRA file); only reachability matters.</summary>
    File,
}

/// <summary>One input field of a model endpoint, with the constraints the real endpoint enforces.</summary>
internal sealed record FieldSpec(string Name, FieldKind Kind)
{
    public bool Required { get; init; }

    /// <summary>Inclusive lower bound (pydantic <c>ge</c>).</summary>
    public double? Min { get; init; }

    /// <summary>Inclusive upper bound (pydantic <c>le</c>).</summary>
    public double? Max { get; init; }

    public int? MaxLength { get; init; }

    public IReadOnlyList<string> Choices { get; init; } = [];

    public IReadOnlyList<long> IntegerChoices { get; init; } = [];

    public int? MaxItems { get; init; }

    public FetchKind Fetch { get; init; }

    /// <summary>Allowed width/height of a custom <c>image_size</c>.</summary>
    public int SizeMin { get; init; } = 1;

    public int SizeMax { get; init; } = 14142;
}
