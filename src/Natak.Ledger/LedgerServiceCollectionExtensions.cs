using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Natak.Ledger.Credits;
using Natak.Ledger.Spend;

namespace Natak.Ledger;

public static class LedgerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICreditLedger"/>, <see cref="HoldSweeper"/> and <see cref="SpendStore"/> with their
    /// options (sections <c>Ledger:Credits</c>, <c>Ledger:HoldSweeper</c>, <c>Ledger:Spend</c>, validated at
    /// start). The host registers the <see cref="Azure.Data.Tables.TableServiceClient"/> and, for the sweeper,
    /// an <see cref="IRunningJobProbe"/>.
    /// </summary>
    public static IServiceCollection AddNatakLedger(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<CreditLedgerOptions>().BindConfiguration(CreditLedgerOptions.SectionName).ValidateOnStart();
        services.AddOptions<HoldSweeperOptions>().BindConfiguration(HoldSweeperOptions.SectionName).ValidateOnStart();
        services.AddOptions<SpendStoreOptions>().BindConfiguration(SpendStoreOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CreditLedgerOptions>, LedgerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HoldSweeperOptions>, LedgerOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpendStoreOptions>, LedgerOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICreditLedger, CreditLedger>();
        services.TryAddSingleton<HoldSweeper>();
        services.TryAddSingleton<SpendStore>();
        return services;
    }
}
