namespace Natak.Workflows; public static class Placeholder {}
