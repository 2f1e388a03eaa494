using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Natak.Testing;

namespace Natak.Docs.Tests;

/// <summary>
/// <c>docs/openapi.yaml</c> is a valid OpenAPI document: well-formed YAML that an OpenAPI reader loads without an
/// error (a colon in an unquoted summary breaks the interactive reference at <c>/api/docs</c>, which only the browser
/// tests would otherwise notice).
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task The_contract_reads_as_an_OpenAPI_document_without_errors()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        await using var file = File.OpenRead(Path.Combine(RepoPaths.Root, "docs", "openapi.yaml"));

        var read = await OpenApiDocument.LoadAsync(file, "yaml", settings);

        Assert.NotNull(read.Document);
        Assert.True(read.Diagnostic is null || read.Diagnostic.Errors.Count == 0, string.Join("\n", read.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        Assert.Contains("/webhooks/stripe", read.Document!.Paths.Keys);
    }

    [Fact]
    public async Task A_broken_document_is_refused()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "openapi.yaml"));
        var broken = text.Replace("      summary: Stripe events", "      summary: Stripe events: here", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        await using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(broken));

        var read = await OpenApiDocument.LoadAsync(stream, "yaml", settings);

        Assert.True(read.Document is null || read.Diagnostic?.Errors.Count > 0);
    }
}
