namespace Natak.Storage;
internal static class Placeholder { }
