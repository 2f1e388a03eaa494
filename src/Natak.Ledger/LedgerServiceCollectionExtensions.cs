using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Natak.Ledger.Credits;
using Natak.Ledger.Spend;

namespace Natak.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICreditLedger"/>, <see cref="HoldSweeper"/>, <see cref="SpendStore"/> and
    /// <see cref="CreditClaimStore"/> with their options (sections <c>Ledger:Credits</c>, <c>Ledger:HoldSweeper</c>,
    /// <c>Ledger:Spend</c>, <c>Ledger:Claims</c>, validated at start). The host registers the <see cref="Azure.Data.Tables.TableServiceClient"/> and, for the sweeper,
    /// an <see cref="IRunningJobProbe"/>.
    /// </summary>
    public static IServiceCollection AddNatakLedger(this IServiceCollection services)
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

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICreditLedger, CreditLedger>();
        services.TryAddSingleton<HoldSweeper>();
        services.TryAddSingleton<SpendStore>();
        services.TryAddSingleton<CreditClaimStore>();
        return services;
    }
}
