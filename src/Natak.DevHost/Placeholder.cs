namespace Natak.DevHost;
internal static class Placeholder { }
