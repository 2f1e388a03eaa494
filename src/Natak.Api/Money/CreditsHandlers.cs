using Microsoft.AspNetCore.Http;
using Natak.Api.Http;
using Natak.Core.Pricing;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;

namespace Natak.Api.Money;

/// <summary>
/// The caller's credits and journal, and the admin routes that add credits: purchases (once per payment id) and
/// grants (once per grant id).
/// </summary>
internal static class CreditsHandlers
{
    public static async Task<IResult> GetCredits(ApiRequest request)
    {
        var balance = await request.Service<ICreditLedger>().GetBalanceAsync(request.Caller.Id, request.Aborted);
        return TypedResults.Json(CreditsView.From(balance), NatakJson.Options);
    }

    public static async Task<IResult> ListCreditEntries(ApiRequest request)
    {
        var limit = request.PageLimit(out var limitError);
        if (limitError is not null)
        {
            throw new ApiProblemException(ApiProblem.Validation("limit", limitError));
        }

        JournalPage page;
        try
        {
            // an empty or forged cursor throws InvalidCursorException like any other bad one
            page = await request.Service<ICreditLedger>().GetEntriesAsync(request.Caller.Id, limit, request.Query("cursor"), request.Aborted);
        }
        catch (InvalidCursorException)
        {
            throw new ApiProblemException(ApiProblem.Validation("cursor", ApiRequest.InvalidCursorMessage));
        }

        return TypedResults.Json(new { items = page.Entries.Select(JournalEntryView.From).ToList(), nextCursor = page.NextCursor }, NatakJson.Options);
    }

    public static async Task<IResult> PurchaseCredits(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<PurchaseRequest>();
        var catalog = request.Service<PricingCatalog>();
        var pack = catalog.FindPack(body.Pack);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        MoneyRules.Require(errors, "userId", MoneyRules.IsUserId(body.UserId), MoneyRules.UserIdRule);
        MoneyRules.Require(errors, "pack", pack is not null, "pack must be one of: " + string.Join(", ", catalog.Packs.Select(p => p.Key)) + ".");
        MoneyRules.Require(errors, "paymentId", MoneyRules.IsOutsideId(body.PaymentId), "paymentId " + MoneyRules.IdRule + ".");
        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Validation(errors));
        }

        var issue = await request.Service<CreditIssuer>().PurchaseAsync(body.UserId!, pack!.Key, pack.Credits, body.PaymentId!, request.Aborted);
        var issued = Issued(issue, $"paymentId '{body.PaymentId}' was already used for a different purchase (another user or pack); nothing was credited.");
        var view = new PurchaseView(issued.Claim.ExternalId, issued.Claim.UserId, issued.Claim.Detail, issued.Claim.Credits, issued.Receipt.Seq,
            CreditsView.From(issued.Receipt.BalanceAfter), issued.Receipt.AppliedUtc);
        return TypedResults.Json(view, NatakJson.Options, statusCode: issued.First ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    public static async Task<IResult> GrantCredits(ApiRequest request)
    {
        var body = await request.ReadJsonAsync<GrantRequest>();
        var reason = body.Reason?.Trim();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        MoneyRules.Require(errors, "userId", MoneyRules.IsUserId(body.UserId), MoneyRules.UserIdRule);
        MoneyRules.Require(errors, "credits", body.Credits is >= 1 and <= MoneyRules.MaxGrantCredits,
            $"credits must be a whole number from 1 to {MoneyRules.MaxGrantCredits}.");
        MoneyRules.Require(errors, "reason", reason is { Length: > 0 and <= MoneyRules.MaxReasonLength } && !reason.Any(char.IsControl),
            $"reason is required: 1-{MoneyRules.MaxReasonLength} characters, no control characters.");
        MoneyRules.Require(errors, "grantId", MoneyRules.IsOutsideId(body.GrantId), "grantId " + MoneyRules.IdRule + ".");
        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Validation(errors));
        }

        var issue = await request.Service<CreditIssuer>().GrantAsync(body.UserId!, body.Credits!.Value, reason!, body.GrantId!, request.Aborted);
        var issued = Issued(issue, $"grantId '{body.GrantId}' was already used for a different grant (another user, amount or reason); nothing was credited.");
        var view = new GrantView(issued.Claim.ExternalId, issued.Claim.UserId, issued.Claim.Credits, issued.Claim.Detail, issued.Receipt.Seq,
            CreditsView.From(issued.Receipt.BalanceAfter), issued.Receipt.AppliedUtc);
        return TypedResults.Json(view, NatakJson.Options, statusCode: issued.First ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static CreditIssue.Issued Issued(CreditIssue issue, string conflict) => issue switch
    {
        CreditIssue.Issued issued => issued,
        _ => throw new ApiProblemException(ApiProblem.Conflict(conflict)),
    };
}
