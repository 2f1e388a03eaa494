using Natak.Core.Requests;
using Natak.Core.Tests.Pricing;

namespace Natak.Core.Tests.Requests;

internal static class Validation
{
    public static RequestValidator Validator { get; } = new(Catalogs.Default, UrlPolicy.HttpsOnly);

    /// <summary>Asserts that the request fails on exactly the given field with exactly the given message among that field's.</summary>
    public static void AssertRejected(IMediaRequest request, string field, string message)
    {
        var errors = Validator.Validate(request);
        Assert.False(errors.IsValid);
        Assert.True(errors[field].Contains(message), $"Expected {field}: {message}\nGot: {errors}");
    }

    public static void AssertValid(IMediaRequest request)
    {
        var errors = Validator.Validate(request);
        Assert.True(errors.IsValid, errors.ToString());
    }
}
