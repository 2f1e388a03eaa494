using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>The fake CDNs: output and uploaded files at <c>/fal/cdn/files/...</c> and <c>/wavespeed/files/...</c>.</summary>
internal sealed class FilesApi(SimulatorControl control, ProviderGate gate, FileStore files)
{
    public async Task GetAsync(HttpContext http, SimulatorProvider provider, string prefix, string path)
    {
        var stored = files.Get(prefix + path);
        var call = new ProviderCall(http, provider, SimulatorOperation.File, control.Log) { Model = stored?.Model, RequestId = stored?.RequestId };
        IProviderDialect dialect = provider == SimulatorProvider.Fal ? FalDialect.Instance : WaveSpeedDialect.Instance;
        if (await gate.AdmitAsync(call, dialect, requireKey: false) is null)
        {
            return;
        }

        if (stored is null)
        {
            await call.RespondAsync(404, null);
            return;
        }

        await Results.File(stored.Bytes, stored.ContentType, enableRangeProcessing: true).ExecuteAsync(http);
        call.RecordWritten();
    }
}
