using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;

namespace Natak.EndToEnd.Tests.ProviderCalls;

/// <summary>A dev host whose simulator signs fal webhooks with a known Ed25519 seed, so tests can forge and replay deliveries.</summary>
public sealed class ProviderCallFixture : DevHostFixture
{
    public const string FalSeedHex = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    protected override SimulatorOptions SimulatorOptions() => new()
    {
        DefaultLatency = TimeSpan.FromMilliseconds(300),
        FalSigningKeySeed = FalSeedHex,
        WebhookInitialBackoff = TimeSpan.FromMilliseconds(200),
    };
}

[CollectionDefinition(Name)]
public sealed class ProviderCallCollection : ICollectionFixture<ProviderCallFixture>
{
    public const string Name = "provider calls on Azurite";
}
