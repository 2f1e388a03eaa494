using System.Globalization;
using Natak.Api.Auth;

namespace Natak.DevHost;

/// <summary><c>token &lt;userId&gt; [--admin] [--hours N]</c>: prints a bearer token signed with the development key.</summary>
internal static class DevTokenCommand
{
    public static int Run(string[] args)
    {
        var userId = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (string.IsNullOrWhiteSpace(userId))
        {
            Console.Error.WriteLine("usage: token <userId> [--admin] [--hours N]");
            return 64;
        }

        var hours = 12;
        var hoursIndex = Array.IndexOf(args, "--hours");
        if (hoursIndex >= 0 && (hoursIndex + 1 >= args.Length || !int.TryParse(args[hoursIndex + 1], NumberStyles.None, CultureInfo.InvariantCulture, out hours) || hours is < 1 or > 24 * 30))
        {
            Console.Error.WriteLine("--hours must be a whole number from 1 to 720.");
            return 64;
        }

        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development"}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        try
        {
            Console.WriteLine(DevTokens.Mint(options, userId, args.Contains("--admin"), TimeSpan.FromHours(hours), DateTimeOffset.UtcNow));
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }
}
