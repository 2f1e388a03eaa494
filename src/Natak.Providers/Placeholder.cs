namespace Natak.Providers;
internal static class Placeholder { }
