namespace Natak.Simulator;

/// <summary>The model endpoints served, by provider and full id.</summary>
internal static class ModelRegistry
{
    private static readonly Dictionary<(SimulatorProvider, string), ModelSpec> Models =
        FalCatalogue.Models.Concat(WaveSpeedCatalogue.Models).ToDictionary(m => (m.Provider, m.Id));

    public static ModelSpec? Find(SimulatorProvider provider, string id) => Models.GetValueOrDefault((provider, id));
}
