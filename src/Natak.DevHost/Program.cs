using System.Net.Sockets;
using Natak.DevHost;

// `Natak.DevHost token <userId> [--admin]` mints a development token; anything else runs the host.
if (args.Length > 0 && args[0] == "token")
{
    return DevTokenCommand.Run(args[1..]);
}

try
{
    await using var host = await DevHostApp.StartAsync(args);
    Console.WriteLine($"Natak dev host listening on {host.BaseUrl} (durable sidecar on {host.Backend.Address}). Ctrl-C stops it.");
    await host.WaitForShutdownAsync();
    return 0;
}
catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine("natak: a port the dev host needs is already in use (" + ex.Message + "). Stop the other process, or pass --port <n>.");
    return 3;
}
catch (Microsoft.Extensions.Options.OptionsValidationException ex)
{
    Console.Error.WriteLine("natak: invalid configuration:");
    foreach (var failure in ex.Failures)
    {
        Console.Error.WriteLine("  - " + failure);
    }

    return 2;
}
