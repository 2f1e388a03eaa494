using System.Globalization;
using System.Text.RegularExpressions;

namespace Natak.Infra.Tests;

public sealed partial class HostJsonTests
{
    private static System.Text.Json.Nodes.JsonObject HostJson => Infra.ReadJson(Infra.HostJsonFile);

    [Fact]
    public async Task Task_hub_name_comes_from_an_app_setting_the_template_sets()
    {
        var hubName = HostJson["extensions"]?["durableTask"]?["hubName"]?.GetValue<string>() ?? string.Empty;
        var match = SettingReference().Match(hubName);
        Assert.True(match.Success, "hubName should be %<AppSetting>%, is " + hubName);

        var settings = (await Infra.CompiledAsync()).AppSettings();
        Assert.Contains(settings, s => s.Name == match.Groups[1].Value);
    }

    [Fact]
    public async Task Every_setting_host_json_reads_is_set_by_the_template()
    {
        var settings = (await Infra.CompiledAsync()).AppSettings().Select(s => s.Name).ToHashSet();

        var referenced = Infra.Strings(HostJson)
            .SelectMany(s => SettingReference().Matches(s.Value).Select(m => m.Groups[1].Value))
            .ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.Contains(name, settings));
    }

    [Fact]
    public void Http_routes_live_under_api()
    {
        Assert.Equal("api", HostJson["extensions"]?["http"]?["routePrefix"]?.GetValue<string>());
    }

    [Fact]
    public void Orchestration_inputs_and_outputs_stay_out_of_traces()
    {
        var tracing = HostJson["extensions"]?["durableTask"]?["tracing"];

        Assert.False(tracing?["traceInputsAndOutputs"]?.GetValue<bool>());
        Assert.False(tracing?["traceReplayEvents"]?.GetValue<bool>());
    }

    [Fact]
    public void The_host_sends_OpenTelemetry_and_samples_nothing_away()
    {
        // The worker exports through OpenTelemetry; the host must too, or a job's trace breaks at the request.
        Assert.Equal("OpenTelemetry", HostJson["telemetryMode"]?.GetValue<string>());

        // In that mode the Application Insights sampling section is ignored: none may suggest otherwise.
        Assert.Null(HostJson["logging"]?["applicationInsights"]);
    }

    [Fact]
    public void Function_timeout_is_bounded_and_parseable()
    {
        var text = HostJson["functionTimeout"]?.GetValue<string>();

        Assert.True(TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout), "functionTimeout is not a time span: " + text);
        Assert.InRange(timeout, TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
    }

    [Fact]
    public void Durable_concurrency_and_partitioning_are_set_explicitly()
    {
        var durable = HostJson["extensions"]?["durableTask"];

        Assert.InRange(durable?["storageProvider"]?["partitionCount"]?.GetValue<int>() ?? 0, 1, 16);
        Assert.True(durable?["maxConcurrentActivityFunctions"]?.GetValue<int>() > 0);
        Assert.True(durable?["maxConcurrentOrchestratorFunctions"]?.GetValue<int>() > 0);
        Assert.NotNull(durable?["extendedSessionsEnabled"]);
        Assert.True(TimeSpan.TryParse(durable?["storageProvider"]?["maxQueuePollingInterval"]?.GetValue<string>(), CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void Every_host_json_setting_is_explained_in_the_guide()
    {
        var guide = File.ReadAllText(Infra.HostJsonGuide);

        // Named in code spans, alone or as the last part of a dotted path (`tracing.traceReplayEvents`).
        var missing = LeafNames(HostJson).Where(name => !Regex.IsMatch(guide, "[`.]" + Regex.Escape(name) + "`")).ToList();

        Assert.True(missing.Count == 0, "docs/host-json.md does not explain: " + string.Join(", ", missing));
    }

    private static IEnumerable<string> LeafNames(System.Text.Json.Nodes.JsonObject node) =>
        node.SelectMany(p => p.Value is System.Text.Json.Nodes.JsonObject child ? LeafNames(child) : [p.Key]).Distinct();

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();
}
