using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Natak.Tables.Characters;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;
using Natak.Tables.Payments;
using Natak.Tables.Spend;
using Natak.Tables.Webhooks;

namespace Natak.Tables;

public static class TablesServiceCollectionExtensions
{
    /// <summary>
    /// Registers every Table Storage store: the credit ledger (<see cref="ICreditLedger"/>, <see cref="HoldSweeper"/>,
    /// <see cref="CreditClaimStore"/>), <see cref="SpendStore"/>, <see cref="PaymentStore"/>, <see cref="PaymentEventStore"/>, <see cref="JobIndex"/>, <see cref="CharacterStore"/> and
    /// <see cref="WebhookInbox"/>, with their options (sections <c>Ledger:Credits</c>, <c>Ledger:HoldSweeper</c>,
    /// <c>Ledger:Spend</c>, <c>Ledger:Claims</c>, <c>Ledger:Payments</c>, validated at start). The host registers the
    /// <see cref="Azure.Data.Tables.TableServiceClient"/>; each sweep is handed an <see cref="IRunningJobProbe"/>.
    /// </summary>
    public static IServiceCollection AddNatakTables(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CreditLedgerOptions>().BindConfiguration(CreditLedgerOptions.SectionName).ValidateOnStart();
        services.AddOptions<HoldSweeperOptions>().BindConfiguration(HoldSweeperOptions.SectionName).ValidateOnStart();
        services.AddOptions<SpendStoreOptions>().BindConfiguration(SpendStoreOptions.SectionName).ValidateOnStart();
        services.AddOptions<CreditClaimStoreOptions>().BindConfiguration(CreditClaimStoreOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CreditLedgerOptions>, LedgerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HoldSweeperOptions>, LedgerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpendStoreOptions>, LedgerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CreditClaimStoreOptions>, LedgerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentStoreOptions>, LedgerOptionsValidator>());
        services.AddOptions<PaymentStoreOptions>().BindConfiguration(PaymentStoreOptions.SectionName).ValidateOnStart();
        services.AddOptions<JobIndexOptions>();
        services.AddOptions<JobAdmissionOptions>().BindConfiguration(JobAdmissionOptions.SectionName)
            .Validate(o => o.MaxRunning is >= 1 and <= 10_000, "Jobs:Admission:MaxRunning must be 1–10000.")
            .Validate(o => o.PositionFreshFor >= TimeSpan.Zero && o.PositionFreshFor <= TimeSpan.FromMinutes(1), "Jobs:Admission:PositionFreshFor must be 0–00:01:00.")
            .Validate(o => o.CheckAfter >= TimeSpan.FromSeconds(1) && o.CheckAfter <= TimeSpan.FromHours(1), "Jobs:Admission:CheckAfter must be 00:00:01–01:00:00.")
            .ValidateOnStart();
        services.AddOptions<CharacterStoreOptions>();
        services.AddOptions<WebhookInboxOptions>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICreditLedger, CreditLedger>();
        services.TryAddSingleton<HoldSweeper>();
        services.TryAddSingleton<SpendStore>();
        services.TryAddSingleton<CreditClaimStore>();
        services.TryAddSingleton<PaymentStore>();
        services.TryAddSingleton<PaymentEventStore>();
        services.TryAddSingleton<JobChangeSignal>();
        services.TryAddSingleton<JobIndex>();
        services.TryAddSingleton<JobLookup>();
        services.TryAddSingleton<JobAdmission>();
        services.TryAddSingleton<CharacterStore>();
        services.TryAddSingleton<WebhookInbox>();
        return services;
    }
}
