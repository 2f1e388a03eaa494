using System.Net;
using System.Text.Json.Nodes;
using Natak.Providers.Fal;
using Natak.Providers.Tests.Support;

namespace Natak.Providers.Tests.Fal;

public class FalClientContractTests
{
    private const string RequestId = "764cabcf-b745-4b3e-ae38-1200304cf45b";
    private const string KlingI2V = "fal-ai/kling-video/v2.6/pro/image-to-video";

    private static readonly FalRequestHandle Handle = new(
        KlingI2V,
        RequestId,
        new Uri($"https://queue.fal.run/fal-ai/kling-video/requests/{RequestId}/status"),
        new Uri($"https://queue.fal.run/fal-ai/kling-video/requests/{RequestId}"),
        new Uri($"https://queue.fal.run/fal-ai/kling-video/requests/{RequestId}/cancel"));

    [Fact]
    public async Task Submit_posts_the_input_to_the_full_model_id_with_a_Key_header_and_an_escaped_webhook()
    {
        var fal = FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("fal/submit.json"));
        using var services = new ProviderServices(fal: fal);

        await services.Get<FalClient>().SubmitAsync(KlingI2V, new JsonObject { ["prompt"] = "walks", ["duration"] = "5" }, new Uri("https://natak.example/webhooks/fal?job=j 1"));

        var request = Assert.Single(fal.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://queue.fal.run/fal-ai/kling-video/v2.6/pro/image-to-video", request.Uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("?fal_webhook=https%3A%2F%2Fnatak.example%2Fwebhooks%2Ffal%3Fjob%3Dj%25201", request.Uri.Query);
        Assert.Equal($"Key {ProviderServices.FalKey}", request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("walks", JsonNode.Parse(request.Body)!["prompt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_returns_the_urls_fal_returned()
    {
        var body = Fixture.Read("fal/submit.json").Replace("/fal-ai/kling-video/requests/", "/fal-ai/kling-video/v2/requests/", StringComparison.Ordinal);
        using var services = new ProviderServices(fal: FakeProvider.Always(HttpStatusCode.OK, body));

        var handle = await services.Get<FalClient>().SubmitAsync(KlingI2V, []);

        Assert.Equal(RequestId, handle.RequestId);
        Assert.Equal(KlingI2V, handle.ModelId);
        Assert.Equal($"https://queue.fal.run/fal-ai/kling-video/v2/requests/{RequestId}/status", handle.StatusUrl.AbsoluteUri);
        Assert.Equal($"https://queue.fal.run/fal-ai/kling-video/v2/requests/{RequestId}", handle.ResponseUrl.AbsoluteUri);
        Assert.Equal($"https://queue.fal.run/fal-ai/kling-video/v2/requests/{RequestId}/cancel", handle.CancelUrl.AbsoluteUri);
    }

    [Fact]
    public async Task Submit_computes_the_owner_app_urls_when_fal_omits_them_or_returns_a_foreign_host()
    {
        var body = $$"""{"status":"IN_QUEUE","request_id":"{{RequestId}}","status_url":"https://evil.example/steal/status"}""";
        using var services = new ProviderServices(fal: FakeProvider.Always(HttpStatusCode.OK, body));

        var handle = await services.Get<FalClient>().SubmitAsync("workflows/natak/flow/step", []);

        Assert.Equal($"https://queue.fal.run/workflows/natak/flow/requests/{RequestId}/status", handle.StatusUrl.AbsoluteUri);
        Assert.Equal($"https://queue.fal.run/workflows/natak/flow/requests/{RequestId}", handle.ResponseUrl.AbsoluteUri);
        Assert.Equal($"https://queue.fal.run/workflows/natak/flow/requests/{RequestId}/cancel", handle.CancelUrl.AbsoluteUri);
    }

    [Fact]
    public async Task Submit_takes_the_request_id_from_the_header_when_the_body_lacks_it()
    {
        var fal = new FakeProvider((_, _) =>
        {
            var response = FakeProvider.Json(HttpStatusCode.OK, """{"status":"IN_QUEUE"}""");
            response.Headers.Add("x-fal-request-id", "from-header");
            return response;
        });
        using var services = new ProviderServices(fal: fal);

        var handle = await services.Get<FalClient>().SubmitAsync("fal-ai/z-image/turbo", []);

        Assert.Equal("from-header", handle.RequestId);
        Assert.Equal("https://queue.fal.run/fal-ai/z-image/requests/from-header/status", handle.StatusUrl.AbsoluteUri);
    }

    [Fact]
    public void CreateHandle_drops_the_sub_path_for_request_urls()
    {
        using var services = new ProviderServices();

        var handle = services.Get<FalClient>().CreateHandle("fal-ai/imageutils/depth", "r1");

        Assert.Equal("https://queue.fal.run/fal-ai/imageutils/requests/r1/status", handle.StatusUrl.AbsoluteUri);
        Assert.Equal("https://queue.fal.run/fal-ai/imageutils/requests/r1", handle.ResponseUrl.AbsoluteUri);
        Assert.Equal("https://queue.fal.run/fal-ai/imageutils/requests/r1/cancel", handle.CancelUrl.AbsoluteUri);
    }

    [Fact]
    public async Task Status_reads_the_state_and_completion_from_the_status_url_without_logs()
    {
        var fal = FakeProvider.Sequence(
            (HttpStatusCode.Accepted, Fixture.Read("fal/status-in-queue.json")),
            (HttpStatusCode.Accepted, Fixture.Read("fal/status-in-progress.json")),
            (HttpStatusCode.OK, Fixture.Read("fal/status-completed.json")));
        using var services = new ProviderServices(fal: fal);
        var client = services.Get<FalClient>();

        var queued = await client.GetStatusAsync(Handle);
        var running = await client.GetStatusAsync(Handle);
        var done = await client.GetStatusAsync(Handle);

        Assert.Equal(FalQueueState.InQueue, queued.State);
        Assert.Equal(FalQueueState.InProgress, running.State);
        Assert.True(done.Succeeded);
        Assert.All(fal.Requests, r => Assert.Equal($"{Handle.StatusUrl.AbsoluteUri}?logs=0", r.Uri.AbsoluteUri));
        Assert.All(fal.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
    }

    [Fact]
    public async Task Completed_with_an_error_is_a_failed_status_not_a_success()
    {
        using var services = new ProviderServices(fal: FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("fal/status-completed-error.json")));

        var status = await services.Get<FalClient>().GetStatusAsync(Handle);

        Assert.True(status.IsCompleted);
        Assert.False(status.Succeeded);
        var failure = Assert.IsType<ProviderFailure>(status.Failure);
        Assert.Equal(ProviderErrorCodes.ProviderFailed, failure.Code);
        Assert.Equal(RequestId, failure.ProviderRequestId);
        Assert.Contains("Internal error while generating", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsRetryable);
    }

    [Fact]
    public async Task An_unknown_status_value_is_an_error()
    {
        using var services = new ProviderServices(fal: FakeProvider.Always(HttpStatusCode.OK, """{"status":"PAUSED"}"""));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().GetStatusAsync(Handle));

        Assert.Equal(ProviderErrorCodes.ProviderFailed, e.ErrorCode);
        Assert.Contains("PAUSED", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Result_returns_the_model_payload_from_the_response_url()
    {
        var fal = FakeProvider.Always(HttpStatusCode.OK, Fixture.Read("fal/result-images.json"));
        using var services = new ProviderServices(fal: fal);

        var result = await services.Get<FalClient>().GetResultAsync(Handle);

        Assert.Equal(Handle.ResponseUrl, Assert.Single(fal.Requests).Uri);
        Assert.Equal(RequestId, result.RequestId);
        Assert.Equal("https://v3.fal.media/files/rabbit/abc123.png", result.Payload["images"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_422_detail_list_becomes_a_non_retryable_input_error_with_field_locations()
    {
        var fal = FakeProvider.Always(HttpStatusCode.UnprocessableEntity, Fixture.Read("fal/error-422-detail.json"));
        using var services = new ProviderServices(fal: fal);

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().GetResultAsync(Handle));

        Assert.Equal(ProviderErrorCodes.InputInvalid, e.ErrorCode);
        Assert.Equal(422, e.StatusCode);
        Assert.False(e.IsRetryable);
        Assert.True(e.MayBeBilled);
        Assert.Equal(1, fal.Count);
        Assert.Equal(
            [new ProviderFieldError("body.image_size.width", "ensure this value is less than or equal to 2048", "value_error.number.not_le"),
             new ProviderFieldError("body.prompt", "field required", "value_error.missing")],
            e.FieldErrors);
    }

    [Fact]
    public async Task A_content_policy_violation_is_its_own_non_retryable_code()
    {
        var fal = FakeProvider.Always(HttpStatusCode.UnprocessableEntity, Fixture.Read("fal/error-422-content-policy.json"));
        using var services = new ProviderServices(fal: fal);

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().SubmitAsync("fal-ai/z-image/turbo", new JsonObject { ["prompt"] = "a [[blocked]] prompt" }));

        Assert.Equal(ProviderErrorCodes.ContentPolicyViolation, e.ErrorCode);
        Assert.False(e.IsRetryable);
        Assert.Equal("body.prompt", Assert.Single(e.FieldErrors).Location);
        Assert.Equal(1, fal.Count);
    }

    [Fact]
    public async Task A_string_detail_becomes_the_message()
    {
        using var services = new ProviderServices(fal: FakeProvider.Always(HttpStatusCode.BadRequest, Fixture.Read("fal/error-string-detail.json")));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().GetResultAsync(Handle));

        Assert.Equal(ProviderErrorCodes.InputInvalid, e.ErrorCode);
        Assert.Equal("Request is still in progress", e.Failure.Message);
        Assert.Empty(e.FieldErrors);
    }

    [Fact]
    public async Task A_user_deadline_504_is_never_retried()
    {
        var fal = new FakeProvider((_, _) =>
        {
            var response = FakeProvider.Json(HttpStatusCode.GatewayTimeout, Fixture.Read("fal/error-504-user-timeout.json"));
            response.Headers.Add("X-Fal-Request-Timeout-Type", "user");
            return response;
        });
        using var services = new ProviderServices(fal: fal);

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().GetResultAsync(Handle));

        Assert.Equal(1, fal.Count);
        Assert.Equal(ProviderErrorCodes.Timeout, e.ErrorCode);
        Assert.False(e.IsRetryable);
    }

    [Fact]
    public async Task A_failure_fal_marks_as_not_retryable_is_not_retried()
    {
        var fal = new FakeProvider((_, _) =>
        {
            var response = FakeProvider.Json(HttpStatusCode.InternalServerError, """{"detail":[{"loc":[],"msg":"CUDA out of memory","type":"internal_server_error"}]}""");
            response.Headers.Add("X-Fal-Retryable", "false");
            return response;
        });
        using var services = new ProviderServices(fal: fal);

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().GetResultAsync(Handle));

        Assert.Equal(1, fal.Count);
        Assert.Equal((ProviderErrorCodes.ProviderFailed, false), (e.ErrorCode, e.IsRetryable));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task Status_and_result_gets_are_retried_until_they_succeed(HttpStatusCode transient)
    {
        var fal = FakeProvider.Sequence(
            (transient, Fixture.Read("fal/error-503-infra.json")),
            (transient, Fixture.Read("fal/error-503-infra.json")),
            (HttpStatusCode.OK, Fixture.Read("fal/result-images.json")));
        using var services = new ProviderServices(fal: fal);

        var result = await services.Get<FalClient>().GetResultAsync(Handle);

        Assert.NotNull(result.Payload["images"]);
        Assert.Equal(3, fal.Count);
    }

    [Fact]
    public async Task A_get_that_stays_unavailable_fails_retryable_after_the_configured_retries()
    {
        var fal = new FakeProvider((_, _) =>
        {
            var response = FakeProvider.Json(HttpStatusCode.ServiceUnavailable, Fixture.Read("fal/error-503-infra.json"));
            response.Headers.Add("X-Fal-Error-Type", "runner_scheduling_failure");
            return response;
        });
        using var services = new ProviderServices(fal: fal);

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().GetStatusAsync(Handle));

        Assert.Equal(1 + 3, fal.Count);
        Assert.Equal(ProviderErrorCodes.ProviderUnavailable, e.ErrorCode);
        Assert.True(e.IsRetryable);
        Assert.False(e.MayHaveReachedProvider);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, ProviderErrorCodes.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, ProviderErrorCodes.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, ProviderErrorCodes.NotFound, false)]
    [InlineData(HttpStatusCode.PaymentRequired, ProviderErrorCodes.PaymentRequired, false)]
    [InlineData(HttpStatusCode.TooManyRequests, ProviderErrorCodes.RateLimited, true)]
    [InlineData(HttpStatusCode.InternalServerError, ProviderErrorCodes.ProviderFailed, true)]
    public async Task Get_errors_map_to_stable_codes(HttpStatusCode status, string code, bool retryable)
    {
        using var services = new ProviderServices(fal: FakeProvider.Always(status, """{"detail":"nope"}"""));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().GetStatusAsync(Handle));

        Assert.Equal((code, retryable, (int)status), (e.ErrorCode, e.IsRetryable, e.StatusCode!.Value));
    }

    [Theory]
    [InlineData("""{"status":"CANCELLATION_REQUESTED"}""", HttpStatusCode.Accepted, FalCancelOutcome.CancellationRequested)]
    [InlineData("""{"status":"ALREADY_COMPLETED"}""", HttpStatusCode.BadRequest, FalCancelOutcome.AlreadyCompleted)]
    [InlineData("""{"status":"NOT_FOUND"}""", HttpStatusCode.NotFound, FalCancelOutcome.NotFound)]
    [InlineData("""{"status":"OK"}""", HttpStatusCode.OK, FalCancelOutcome.Ok)]
    [InlineData("", HttpStatusCode.NotFound, FalCancelOutcome.NotFound)]
    public async Task Cancel_puts_to_the_cancel_url_and_reads_the_outcome(string body, HttpStatusCode status, FalCancelOutcome expected)
    {
        var fal = FakeProvider.Always(status, body);
        using var services = new ProviderServices(fal: fal);

        var outcome = await services.Get<FalClient>().CancelAsync(Handle);

        Assert.Equal(expected, outcome);
        var request = Assert.Single(fal.Requests);
        Assert.Equal((HttpMethod.Put, Handle.CancelUrl), (request.Method, request.Uri));
    }

    [Fact]
    public async Task Cancel_is_retried_on_a_transient_failure()
    {
        var fal = FakeProvider.Sequence((HttpStatusCode.ServiceUnavailable, "{}"), (HttpStatusCode.Accepted, """{"status":"CANCELLATION_REQUESTED"}"""));
        using var services = new ProviderServices(fal: fal);

        Assert.Equal(FalCancelOutcome.CancellationRequested, await services.Get<FalClient>().CancelAsync(Handle));
        Assert.Equal(2, fal.Count);
    }

    [Fact]
    public async Task The_api_key_never_appears_in_an_error_even_when_the_provider_echoes_it()
    {
        using var services = new ProviderServices(fal: FakeProvider.Always(HttpStatusCode.Unauthorized, $$"""{"detail":"Invalid key {{ProviderServices.FalKey}}"}"""));

        var e = await Assert.ThrowsAsync<ProviderException>(() => services.Get<FalClient>().SubmitAsync("fal-ai/z-image/turbo", []));

        Assert.DoesNotContain(ProviderServices.FalKey, e.ToString(), StringComparison.Ordinal);
        Assert.Contains("Invalid key ***", e.Message, StringComparison.Ordinal);
    }
}
