namespace Natak.Testing;

/// <summary>
/// The real local stand-ins the suite runs against: Azurite (tables, queues, blobs) and s3rver (R2).
/// ./test.sh starts one of each and passes them in through NATAK_TEST_STORAGE / NATAK_TEST_S3_URL;
/// without those (an IDE run), the first test that needs one starts it on free ports, in memory or in a
/// temporary folder, once per test process.
/// </summary>
public static class LocalServices
{
    public const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    public const string S3AccessKey = "S3RVER";
    public const string S3SecretKey = "S3RVER";
    public const string S3Bucket = "natak-test";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _storage;
    private static string? _s3;

    /// <summary>A node preload that ends the service when the test process ends, even when it is killed.</summary>
    private static string ExitWithParent => Path.Combine(RepoPaths.Root, "tests", "Natak.Testing", "exit-with-parent.js");

    /// <summary>An Azure Storage connection string for Azurite.</summary>
    public static async Task<string> StorageConnectionStringAsync()
    {
        var fromEnv = Environment.GetEnvironmentVariable("NATAK_TEST_STORAGE");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        await Gate.WaitAsync();
        try
        {
            return _storage ??= (await StartAzuriteAsync()).ConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The base URL of an s3rver with the bucket <see cref="S3Bucket"/> created.</summary>
    public static async Task<string> S3ServiceUrlAsync()
    {
        var fromEnv = Environment.GetEnvironmentVariable("NATAK_TEST_S3_URL");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        await Gate.WaitAsync();
        try
        {
            return _s3 ??= (await StartS3rverAsync(S3Bucket)).Url;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string AzuriteConnectionString(int blobPort, int queuePort, int tablePort) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={AzuriteAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";

    /// <summary>Starts an Azurite of one's own (in memory, free ports); it ends with the process or when disposed.</summary>
    public static async Task<AzuriteInstance> StartAzuriteAsync()
    {
        int blob = FreePort.Next(), queue = FreePort.Next(), table = FreePort.Next();
        var azurite = new ChildProcess("node", [
            "--require", ExitWithParent,
            Path.Combine(RepoPaths.NodeModules, "azurite", "dist", "src", "azurite.js"),
            "--silent", "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ]);
        foreach (var port in new[] { blob, queue, table })
        {
            await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => azurite.Output);
        }

        return new AzuriteInstance(azurite, blob, queue, table);
    }

    /// <summary>Starts an s3rver of one's own (temporary folder, free port) with <paramref name="bucket"/> created.</summary>
    public static async Task<(ChildProcess Process, string Url)> StartS3rverAsync(string bucket)
    {
        var port = FreePort.Next();
        var dir = Directory.CreateTempSubdirectory("natak-s3rver-").FullName;
        var s3 = new ChildProcess("node", [
            "--require", ExitWithParent,
            Path.Combine(RepoPaths.NodeModules, "s3rver", "bin", "s3rver.js"),
            "--silent", "-d", dir, "-a", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--configure-bucket", bucket, Path.Combine(RepoPaths.Root, "scripts", "s3rver-cors.xml"),
        ]);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(60), () => s3.Output);
        return (s3, $"http://127.0.0.1:{port}");
    }
}
