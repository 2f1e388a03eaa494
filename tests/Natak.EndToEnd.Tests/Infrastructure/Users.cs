namespace Natak.EndToEnd.Tests.Infrastructure;

public static class Users
{
    /// <summary>A user id no other test uses, so tests sharing a host and tables stay apart.</summary>
    public static string New(string name = "user") => name + "-" + Guid.NewGuid().ToString("N")[..10];
}
