using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;

namespace Natak.EndToEnd.Tests.Characters;

/// <summary>
/// A dev host of the characters' own (they change the simulator's training latency and faults), and a web server
/// standing in for photo hosts on the internet.
/// </summary>
public sealed class CharacterFixture : DevHostFixture, IAsyncLifetime
{
    public static readonly TimeSpan TrainingLatency = TimeSpan.FromSeconds(3);

    public PhotoServer Photos { get; private set; } = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        Photos = await PhotoServer.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Photos.DisposeAsync();
        await DisposeAsync();
    }

    protected override SimulatorOptions SimulatorOptions() => new()
    {
        DefaultLatency = TimeSpan.FromMilliseconds(200),
        TrainingLatency = TrainingLatency,
    };
}

[CollectionDefinition(Name)]
public sealed class CharacterCollection : ICollectionFixture<CharacterFixture>
{
    public const string Name = "characters on Azurite and s3rver";
}
