using System.Text.Json;

namespace Natak.Simulator;

/// <summary>What every provider call goes through first: the API key check, then the immediate faults (status answers, hangs).</summary>
internal sealed class ProviderGate(SimulatorControl control, BackgroundWork background, TimeProvider time)
{
    /// <summary>
    /// The caller's account id ("" when no key is needed), or null when the call was already answered
    /// (401, an injected status, a hang). Set <see cref="ProviderCall.Model"/> first so model-specific faults match.
    /// </summary>
    public async Task<string?> AdmitAsync(ProviderCall call, IProviderDialect dialect, bool requireKey = true)
    {
        var account = "";
        if (requireKey)
        {
            account = ApiKeys.Account(call.Http, dialect.AuthScheme, control.Options.ApiKeys);
            if (account is null)
            {
                await RespondAsync(call, dialect.Unauthorized());
                return null;
            }
        }

        var rule = TakeFault(call, control, FaultKinds.IsImmediate);
        if (rule is null)
        {
            return account;
        }

        if (rule.Kind == FaultKind.Hang)
        {
            await call.HangAsync(rule.Delay, time, background.Stopping);
        }
        else
        {
            await RespondAsync(call, dialect.ForStatus(FaultKinds.StatusCode(rule.Kind)));
        }

        return null;
    }

    public static Task RespondAsync(ProviderCall call, ErrorResponse error) => call.RespondAsync(error.Status, error.Body, error.Headers);

    /// <summary>The first fault of <paramref name="kinds"/> that fires for this call, noted on the call.</summary>
    public static FaultRule? TakeFault(ProviderCall call, SimulatorControl control, Func<FaultKind, bool> kinds)
    {
        var rule = control.Faults.Take(call.Provider, call.Model, call.Operation, kinds);
        if (rule is not null)
        {
            var note = $"{rule.Id}: {JsonName(rule.Kind)}";
            call.Note = call.Note is null ? note : $"{call.Note}; {note}";
        }

        return rule;
    }

    public static string JsonName(FaultKind kind) => JsonSerializer.Serialize(kind).Trim('"');
}
