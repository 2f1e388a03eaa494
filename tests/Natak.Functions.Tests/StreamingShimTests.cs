using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natak.Api.Auth;
using Natak.Api.Http;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.DevHost;
using Natak.Tables.Jobs;
using Natak.Testing;

namespace Natak.Functions.Tests;

/// <summary>
/// The Functions app's shim for the live progress stream hands the response to the shared pipeline, which writes and
/// flushes each event as it happens: an event reaches the response body while the job is still running, long before
/// the shim's action completes (nothing in the shim buffers). The Functions host's ASP.NET Core integration forwards
/// the worker's response as it is written.
/// </summary>
public sealed class StreamingShimTests
{
    [Fact]
    public async Task The_event_stream_shim_writes_each_event_through_before_the_job_ends()
    {
        await using var host = await DevHostApp.StartAsync([], configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Durable:Backend"] = "Memory",
            ["Simulator:Port"] = "0",
            ["AzureWebJobsStorage"] = LocalServices.StorageConnectionStringAsync().GetAwaiter().GetResult(),
            ["R2_ENDPOINT"] = LocalServices.S3ServiceUrlAsync().GetAwaiter().GetResult(),
            ["R2_ACCESS_KEY_ID"] = LocalServices.S3AccessKey,
            ["R2_SECRET_ACCESS_KEY"] = LocalServices.S3SecretKey,
            ["R2_BUCKET"] = LocalServices.S3Bucket,
            ["Jobs:Events:PollInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        var index = host.Services.GetRequiredService<JobIndex>();
        var user = "shim-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow;
        var job = new JobRecord(user, JobIds.New(JobKind.Image, now), JobKind.Image, JobStatus.Queued, "test", now, now) { TotalSteps = 1 };
        await index.CreateAsync(job, null);

        var body = new RecordingStream();
        var http = new DefaultHttpContext { RequestServices = host.Services };
        http.Request.Method = "GET";
        http.Request.Path = "/api/jobs/" + job.JobId + "/events";
        http.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            DevTokens.Mint(new AuthOptions { SigningKey = DevTokens.DevelopmentSigningKey }, user, admin: false, TimeSpan.FromHours(1), DateTimeOffset.UtcNow)).ToString();
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        var shim = new ApiFunctions(host.Services.GetRequiredService<ApiPipeline>());

        var result = shim.StreamJobEvents(http.Request, job.JobId, host.DurableClient);
        var running = result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new ActionDescriptor()));
        var first = await body.WaitForAsync("\n\n", TimeSpan.FromSeconds(30));

        Assert.False(running.IsCompleted, "the stream is still open while the job runs");
        Assert.Equal("text/event-stream", http.Response.ContentType);
        Assert.Contains("\"status\":\"queued\"", first, StringComparison.Ordinal);
        Assert.True(body.Flushes > 0, "each event is flushed");

        await index.ApplyAsync(user, job.JobId, now, new JobChange { At = DateTimeOffset.UtcNow, Status = JobStatus.Succeeded });
        await running.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("\"status\":\"succeeded\"", body.Text, StringComparison.Ordinal);
    }

    /// <summary>A response body that records what was written and flushed, and lets a test wait for text.</summary>
    private sealed class RecordingStream : Stream
    {
        private readonly Lock _lock = new();
        private readonly StringBuilder _text = new();

        public int Flushes { get; private set; }

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return _text.ToString();
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public async Task<string> WaitForAsync(string marker, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (Text.Contains(marker, StringComparison.Ordinal))
                {
                    return Text;
                }

                await Task.Delay(20);
            }

            throw new TimeoutException("nothing was written through: " + Text);
        }

        public override void Flush() => Flushes++;

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_lock)
            {
                _text.Append(Encoding.UTF8.GetString(buffer, offset, count));
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_lock)
            {
                _text.Append(Encoding.UTF8.GetString(buffer.Span));
            }

            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
