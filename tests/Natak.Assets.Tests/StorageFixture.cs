using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Natak.Testing;

namespace Natak.Assets.Tests;

/// <summary>
/// The storage services as a host would build them (AddNatakAssets over configuration using the R2_* names),
/// pointed at the shared s3rver, with 5 MiB parts, 5-key list pages and 127.0.0.1 on the development allow-list;
/// plus a Kestrel file server on 127.0.0.1.
/// </summary>
public sealed class StorageFixture : IAsyncLifetime
{
    public const int PartSize = 5 * TestFiles.MiB;

    private ServiceProvider? _services;
    private FileServer? _files;

    public ServiceProvider Services => _services ?? throw new InvalidOperationException("not started");

    public IAssetStore Store => Services.GetRequiredService<IAssetStore>();

    public FileServer Files => _files ?? throw new InvalidOperationException("not started");

    public string S3Url { get; private set; } = "";

    public static ServiceProvider BuildServices(IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddNatakAssets(configuration).BuildServiceProvider(validateScopes: true);
    }

    public async Task InitializeAsync()
    {
        S3Url = await LocalServices.S3ServiceUrlAsync();
        _services = BuildServices(new Dictionary<string, string?>
        {
            ["R2_ENDPOINT"] = S3Url,
            ["R2_ACCESS_KEY_ID"] = LocalServices.S3AccessKey,
            ["R2_SECRET_ACCESS_KEY"] = LocalServices.S3SecretKey,
            ["R2_BUCKET"] = LocalServices.S3Bucket,
            ["R2:PartSizeBytes"] = PartSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["R2:ListPageSize"] = "5",
            ["SafeFetch:AllowedDevelopmentHosts:0"] = "127.0.0.1",
        });
        _files = await FileServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_files is not null)
        {
            await _files.DisposeAsync();
        }

        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }

    /// <summary>A fresh prefix under a fresh user, so parallel tests never see each other's keys.</summary>
    public static string NewUser() => Unique.Name("u");

    /// <summary>Every object key under <paramref name="prefix"/>.</summary>
    public async Task<List<string>> KeysAsync(string prefix)
    {
        var keys = new List<string>();
        await foreach (var item in Store.ListAsync(prefix))
        {
            keys.Add(item.Key);
        }

        return keys;
    }

    /// <summary>Counts this fixture's uploaded parts by mode ("single"/"multipart") while it is alive.</summary>
    public PartCounter CountParts() => new(Services.GetRequiredService<IMeterFactory>());

    public sealed class PartCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private int _single;
        private int _multipart;

        public PartCounter(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, scope) && instrument.Name == "natak.storage.upload.parts")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == StorageMetrics.ModeTag)
                    {
                        if ((string?)tag.Value == "multipart")
                        {
                            Interlocked.Add(ref _multipart, (int)value);
                        }
                        else
                        {
                            Interlocked.Add(ref _single, (int)value);
                        }
                    }
                }
            });
            _listener.Start();
        }

        public int Single => Volatile.Read(ref _single);

        public int Multipart => Volatile.Read(ref _multipart);

        public void Dispose() => _listener.Dispose();
    }
}
