using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Images;

/// <summary>
/// A dev host of the image tests' own: they read the simulator's whole call log (cleared before each test), so
/// no other collection's jobs may share its simulator. Tests in one collection run one after another. (The bound
/// on images of a batch running at once is proven in tests/Natak.Orchestrations.Tests.)
/// </summary>
public sealed class ImagesHostFixture : DevHostFixture;

[CollectionDefinition(Name)]
public sealed class ImagesCollection : ICollectionFixture<ImagesHostFixture>
{
    public const string Name = "images on their own dev host";
}
