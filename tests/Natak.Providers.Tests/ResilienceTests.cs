using System.Net;
using Natak.Providers.Fal;
using Natak.Providers.Tests.Support;
using Natak.Providers.WaveSpeed;

namespace Natak.Providers.Tests;

public class ResilienceTests
{
    private static readonly Dictionary<string, string?> BreakerAfterThreeFailures = new()
    {
        ["Providers:Fal:Resilience:MaxRetryAttempts"] = "0",
        ["Providers:Fal:Resilience:CircuitBreakerMinimumThroughput"] = "3",
        ["Providers:Fal:Resilience:CircuitBreakerFailureRatio"] = "0.5",
        ["Providers:Fal:Resilience:CircuitBreakerBreakDuration"] = "00:00:00.600",
    };

    private static FalRequestHandle Handle(FalClient client) => client.CreateHandle("fal-ai/kling-video/v2.6/pro/image-to-video", "r1");

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_then_fails_fast_as_provider_unavailable()
    {
        var fal = FakeProvider.Always(HttpStatusCode.ServiceUnavailable, """{"detail":"down"}""");
        using var services = new ProviderServices(BreakerAfterThreeFailures, fal: fal);
        var client = services.Get<FalClient>();
        var health = services.Get<IProviderHealth>();

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ProviderException>(() => client.GetStatusAsync(Handle(client)));
        }

        Assert.True(health.IsCircuitOpen(ProviderKind.Fal));
        Assert.False(health.IsCircuitOpen(ProviderKind.WaveSpeed));

        var e = await Assert.ThrowsAsync<ProviderException>(() => client.SubmitAsync("fal-ai/z-image/turbo", []));
        Assert.Equal(3, fal.Count);
        Assert.Equal(ProviderErrorCodes.ProviderUnavailable, e.ErrorCode);
        Assert.Null(e.StatusCode);
        Assert.True(e.IsRetryable);
        Assert.False(e.MayHaveReachedProvider);
    }

    [Fact]
    public async Task An_open_circuit_lets_a_probe_through_after_the_break_and_closes_when_it_succeeds()
    {
        var fal = FakeProvider.Sequence(
            (HttpStatusCode.BadGateway, "{}"), (HttpStatusCode.BadGateway, "{}"), (HttpStatusCode.BadGateway, "{}"),
            (HttpStatusCode.OK, """{"status":"IN_PROGRESS"}"""));
        using var services = new ProviderServices(BreakerAfterThreeFailures, fal: fal);
        var client = services.Get<FalClient>();
        var health = services.Get<IProviderHealth>();
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ProviderException>(() => client.GetStatusAsync(Handle(client)));
        }

        await Task.Delay(TimeSpan.FromMilliseconds(800));

        Assert.False(health.IsCircuitOpen(ProviderKind.Fal));
        Assert.Equal(FalQueueState.InProgress, (await client.GetStatusAsync(Handle(client))).State);
        Assert.False(health.IsCircuitOpen(ProviderKind.Fal));
    }

    [Fact]
    public async Task Rate_limiting_does_not_open_the_circuit()
    {
        var fal = FakeProvider.Always(HttpStatusCode.TooManyRequests, """{"detail":"slow down"}""");
        using var services = new ProviderServices(BreakerAfterThreeFailures, fal: fal);
        var client = services.Get<FalClient>();

        for (var i = 0; i < 5; i++)
        {
            var e = await Assert.ThrowsAsync<ProviderException>(() => client.GetStatusAsync(Handle(client)));
            Assert.Equal(ProviderErrorCodes.RateLimited, e.ErrorCode);
        }

        Assert.Equal(5, fal.Count);
        Assert.False(services.Get<IProviderHealth>().IsCircuitOpen(ProviderKind.Fal));
    }

    [Fact]
    public async Task Each_provider_has_its_own_circuit()
    {
        var fal = FakeProvider.Always(HttpStatusCode.ServiceUnavailable, "{}");
        var waveSpeed = FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("wavespeed/result-completed.json"));
        using var services = new ProviderServices(BreakerAfterThreeFailures, fal: fal, waveSpeed: waveSpeed);
        var client = services.Get<FalClient>();
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ProviderException>(() => client.GetStatusAsync(Handle(client)));
        }

        var prediction = await services.Get<WaveSpeedClient>().GetResultAsync("0b5b6f1f3c1e4a5c9d5b1f2a3c4d5e6f");

        Assert.True(services.Get<IProviderHealth>().IsCircuitOpen(ProviderKind.Fal));
        Assert.True(prediction.Succeeded);
    }

    [Fact]
    public async Task A_get_that_hangs_is_cut_by_the_attempt_timeout_and_retried()
    {
        var fal = new FakeProvider(async (_, n) =>
        {
            if (n == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            return FakeProvider.Json(HttpStatusCode.OK, """{"status":"COMPLETED"}""");
        });
        using var services = new ProviderServices(new Dictionary<string, string?> { ["Providers:Fal:Resilience:AttemptTimeout"] = "00:00:00.200" }, fal: fal);
        var client = services.Get<FalClient>();

        var status = await client.GetStatusAsync(Handle(client));

        Assert.True(status.Succeeded);
        Assert.Equal(2, fal.Count);
    }
}
