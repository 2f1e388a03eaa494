using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Tables.Credits;

namespace Natak.EndToEnd.Tests.Images;

[Collection(DevHostCollection.Name)]
public sealed class ImagePipelineSmokeTests(DevHostFixture fixture)
{
    [Fact]
    public async Task A_basic_image_is_generated_stored_and_charged_one_credit()
    {
        var user = Users.New("painter");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);

        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a lighthouse at dawn", width = 1024, height = 1024, seed = 7 });
        var job = await Jobs.WaitForTerminalAsync(api, jobId);

        Assert.Equal("succeeded", (string?)job["status"]);
        var image = job["result"]!["images"]![0]!;
        Assert.Equal(1024, (int)image["width"]!);
        using var http = new HttpClient();
        var png = await http.GetByteArrayAsync((string)image["url"]!);
        Assert.Equal(0x89, png[0]);
        Assert.Equal(1, (long)job["credits"]!["charged"]!);
        var balance = await fixture.Host.Services.GetRequiredService<ICreditLedger>().GetBalanceAsync(user);
        Assert.Equal(9, balance.Available);
        var submits = fixture.Simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit).Where(c => c.Path.Contains("/fal/queue/", StringComparison.Ordinal)).ToList();
        Assert.Contains(submits, c => c.Model == "fal-ai/z-image/turbo");
        _ = HttpStatusCode.OK;
    }
}
