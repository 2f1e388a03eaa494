using System.Text.Json;
using Natak.Providers.Fal;

namespace Natak.Providers.Tests;

/// <summary>Handles and failures cross activity boundaries as JSON, so they must survive a round trip.</summary>
public class DurablePayloadTests
{
    [Fact]
    public void A_fal_handle_round_trips_through_json()
    {
        var handle = new FalRequestHandle("fal-ai/z-image/turbo", "r1", new Uri("https://queue.fal.run/fal-ai/z-image/requests/r1/status"),
            new Uri("https://queue.fal.run/fal-ai/z-image/requests/r1"), new Uri("https://queue.fal.run/fal-ai/z-image/requests/r1/cancel"));

        var copy = JsonSerializer.Deserialize<FalRequestHandle>(JsonSerializer.Serialize(handle, JsonSerializerOptions.Web), JsonSerializerOptions.Web);

        Assert.Equal(handle, copy);
    }

    [Fact]
    public void A_failure_round_trips_through_json_with_its_field_errors()
    {
        var failure = new ProviderFailure(ProviderKind.Fal, ProviderErrorCodes.InputInvalid, "body.prompt: field required", 422, false, true, true)
        {
            FieldErrors = [new ProviderFieldError("body.prompt", "field required", "value_error.missing")],
            ProviderRequestId = "r1",
        };

        var copy = JsonSerializer.Deserialize<ProviderFailure>(JsonSerializer.Serialize(failure, JsonSerializerOptions.Web), JsonSerializerOptions.Web)!;

        Assert.Equal(failure with { FieldErrors = copy.FieldErrors }, copy);
        Assert.Equal(failure.FieldErrors, copy.FieldErrors);
    }
}
