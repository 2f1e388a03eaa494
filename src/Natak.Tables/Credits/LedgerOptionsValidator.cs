using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Natak.Tables.Credits;
using Natak.Tables.Payments;
using Natak.Tables.Spend;

namespace Natak.Tables.Credits;

/// <summary>Checks the ledger's options at start-up, listing every problem with the setting's full name.</summary>
internal sealed partial class LedgerOptionsValidator :
    IValidateOptions<CreditLedgerOptions>,
    IValidateOptions<HoldSweeperOptions>,
    IValidateOptions<SpendStoreOptions>,
    IValidateOptions<CreditClaimStoreOptions>,
    IValidateOptions<PaymentStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, CreditLedgerOptions options)
    {
        var errors = new List<string>();
        TableName(errors, CreditLedgerOptions.SectionName, nameof(options.TableName), options.TableName);
        TableName(errors, CreditLedgerOptions.SectionName, nameof(options.HoldExpiryTableName), options.HoldExpiryTableName);
        if (string.Equals(options.TableName, options.HoldExpiryTableName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{CreditLedgerOptions.SectionName}:{nameof(options.HoldExpiryTableName)} must differ from {nameof(options.TableName)}.");
        }

        if (options.MaxAttempts is < 1 or > 100)
        {
            errors.Add($"{CreditLedgerOptions.SectionName}:{nameof(options.MaxAttempts)} must be between 1 and 100 (was {options.MaxAttempts}).");
        }

        if (options.RetryBaseDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            errors.Add($"{CreditLedgerOptions.SectionName}:{nameof(options.RetryBaseDelay)} must be positive and at most {nameof(options.RetryMaxDelay)}.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, HoldSweeperOptions options)
    {
        var errors = new List<string>();
        if (options.MaxHoldsPerSweep < 1)
        {
            errors.Add($"{HoldSweeperOptions.SectionName}:{nameof(options.MaxHoldsPerSweep)} must be at least 1.");
        }

        if (options.Parallelism is < 1 or > 64)
        {
            errors.Add($"{HoldSweeperOptions.SectionName}:{nameof(options.Parallelism)} must be between 1 and 64.");
        }

        if (options.OrphanGrace < TimeSpan.Zero)
        {
            errors.Add($"{HoldSweeperOptions.SectionName}:{nameof(options.OrphanGrace)} must not be negative.");
        }

        if (options.RecheckRunningAfter < TimeSpan.FromMinutes(1))
        {
            errors.Add($"{HoldSweeperOptions.SectionName}:{nameof(options.RecheckRunningAfter)} must be at least a minute.");
        }

        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, SpendStoreOptions options)
    {
        var errors = new List<string>();
        TableName(errors, SpendStoreOptions.SectionName, nameof(options.TableName), options.TableName);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, CreditClaimStoreOptions options)
    {
        var errors = new List<string>();
        TableName(errors, CreditClaimStoreOptions.SectionName, nameof(options.TableName), options.TableName);
        return Result(errors);
    }

    public ValidateOptionsResult Validate(string? name, PaymentStoreOptions options)
    {
        var errors = new List<string>();
        TableName(errors, PaymentStoreOptions.SectionName, nameof(options.TableName), options.TableName);
        TableName(errors, PaymentStoreOptions.SectionName, nameof(options.EventsTableName), options.EventsTableName);
        if (string.Equals(options.TableName, options.EventsTableName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{PaymentStoreOptions.SectionName}:{nameof(options.EventsTableName)} must differ from {nameof(options.TableName)}.");
        }

        return Result(errors);
    }

    private static void TableName(List<string> errors, string section, string setting, string? value)
    {
        if (value is null || !TableNamePattern().IsMatch(value))
        {
            errors.Add($"{section}:{setting} must be 3-63 letters or digits starting with a letter (was '{value}').");
        }
    }

    private static ValidateOptionsResult Result(List<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableNamePattern();
}
