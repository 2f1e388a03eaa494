namespace Natak.Core.Pricing;

/// <summary>One step of a <see cref="JsonPath"/>: a member <see cref="Name"/>, or an array <see cref="Index"/> when the name is null.</summary>
internal readonly record struct PathSegment(string? Name, int Index)
{
    public static PathSegment Of(string name) => new(name, -1);

    public static PathSegment Of(int index) => new(null, index);
}
