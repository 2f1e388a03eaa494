using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>
/// A dev host of the image tests' own: they read the simulator's whole call log (cleared before each test), so
/// no other collection's jobs may share its simulator. Tests in one collection run one after another. At most
/// <see cref="MaxParallelOutputs"/> images of a batch run at once, fewer than a batch of 8, so the bound shows.
/// </summary>
public sealed class ImagesHostFixture : DevHostFixture
{
    public const int MaxParallelOutputs = 4;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Pipelines:Timings:MaxParallelOutputs", MaxParallelOutputs.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}

[CollectionDefinition(Name)]
public sealed class ImagesCollection : ICollectionFixture<ImagesHostFixture>
{
    public const string Name = "images on their own dev host";
}
