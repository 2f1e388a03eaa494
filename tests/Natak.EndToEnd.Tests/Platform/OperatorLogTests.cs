using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>
/// The dev host with its shipped log levels (appsettings.json) and an OTLP endpoint where no collector listens:
/// what a person running it reads while jobs run.
/// </summary>
[Collection(OperatorLogCollection.Name)]
public sealed class OperatorLogTests(OperatorLogFixture fixture)
{
    [Fact]
    public async Task With_the_collector_down_the_host_prints_the_export_error_and_keeps_serving()
    {
        using var api = fixture.Api(Users.New("otlp"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? error = null;
        while (error is null && DateTime.UtcNow < deadline)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/health")).StatusCode);
            error = fixture.Captured.FirstOrDefault(l => l.StartsWith("Warning Natak.DevHost.OtlpExportErrors", StringComparison.Ordinal));
            await Task.Delay(250);
        }

        Assert.NotNull(error);
        Assert.Contains(fixture.CollectorPort.ToString(CultureInfo.InvariantCulture), error, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task Jobs_log_a_few_lines_each_at_Information_and_no_per_request_lines()
    {
        var user = Users.New("quiet");
        await fixture.GrantAsync(user, 20);
        using var api = fixture.Api(user);
        var jobIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            jobIds.Add(await Jobs.StartAsync(api, "/api/images", new { prompt = $"a quiet harbour {i}", width = 1024, height = 1024 }));
        }

        foreach (var jobId in jobIds)
        {
            Assert.Equal("succeeded", (string?)(await Jobs.WaitForTerminalAsync(api, jobId))["status"]);
        }

        var lines = fixture.Captured.Where(l => l.StartsWith("Information ", StringComparison.Ordinal) || l.StartsWith("Warning ", StringComparison.Ordinal) || l.StartsWith("Error ", StringComparison.Ordinal)).ToList();
        foreach (var jobId in jobIds)
        {
            var ofJob = lines.Where(l => l.Contains(jobId, StringComparison.Ordinal)).ToList();
            Assert.Contains(ofJob, l => l.Contains("submitted to fal", StringComparison.Ordinal));
            Assert.Contains(ofJob, l => l.Contains("succeeded in", StringComparison.Ordinal) && l.Contains("1 charged", StringComparison.Ordinal));
            Assert.InRange(ofJob.Count, 2, 6);
        }

        Assert.DoesNotContain(lines, l => l.Contains("Natak.Api.Http.ApiPipeline", StringComparison.Ordinal));
        Assert.True(!lines.Exists(l => l.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal)), string.Join("\n", lines.Where(l => l.Contains("System.Net.Http.HttpClient", StringComparison.Ordinal)).Take(5)));
    }
}

/// <summary>Shipped log levels, every entry captured, OTLP export pointed at a closed port and flushed often.</summary>
public sealed class OperatorLogFixture : DevHostFixture
{
    public int CollectorPort { get; } = FreePort.Next();

    public ConcurrentQueue<string> Captured { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Captured));

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings().Where(s => !s.Key.StartsWith("Logging:", StringComparison.Ordinal)),
        new("OTEL_EXPORTER_OTLP_ENDPOINT", $"http://127.0.0.1:{CollectorPort}"),
        new("OTEL_BSP_SCHEDULE_DELAY", "200"),
        new("OTEL_METRIC_EXPORT_INTERVAL", "500"),
    ];
}

[CollectionDefinition(Name)]
public sealed class OperatorLogCollection : ICollectionFixture<OperatorLogFixture>
{
    public const string Name = "operator logs";
}
