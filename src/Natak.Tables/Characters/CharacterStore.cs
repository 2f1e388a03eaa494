using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Tables.Common;

namespace Natak.Tables.Characters;

/// <summary>
/// The <c>Characters</c> table: one row per character in its owner's partition (<c>u|{userId}</c>, RowKey
/// <c>c|{characterId}</c>), so listing a user's characters is one partition query and someone else's id is
/// simply not found.
/// </summary>
public sealed class CharacterStore
{
    private readonly TableClient _table;
    private readonly EnsuredTable _ensured;

    public CharacterStore(TableServiceClient tables, IOptions<CharacterStoreOptions> options)
    {
        _table = tables.GetTableClient(options.Value.TableName);
        _ensured = new EnsuredTable(_table);
    }

    /// <summary>Saves a character; saving the same character again (a replayed activity) is a no-op.</summary>
    public async Task SaveAsync(CharacterRecord character, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        await _table.UpsertEntityAsync(ToEntity(character), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<CharacterRecord?> GetAsync(string userId, string characterId, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableNames.UserPartition(userId), Key(characterId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? ToRecord(entity) : null;
    }

    /// <summary>The user's characters, newest first.</summary>
    public async Task<IReadOnlyList<CharacterRecord>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        var partition = TableNames.UserPartition(userId);
        var list = new List<CharacterRecord>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {"c|"} and RowKey lt {"c}"}"), cancellationToken: cancellationToken))
        {
            list.Add(ToRecord(entity));
        }

        return [.. list.OrderByDescending(c => c.CreatedAt)];
    }

    /// <summary>Removes the record; true when it existed.</summary>
    public async Task<bool> DeleteAsync(string userId, string characterId, CancellationToken cancellationToken = default)
    {
        await _ensured.GetAsync(cancellationToken);
        try
        {
            await _table.DeleteEntityAsync(TableNames.UserPartition(userId), Key(characterId), ETag.All, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    private static string Key(string characterId) => "c|" + characterId;

    private static TableEntity ToEntity(CharacterRecord c) => new(TableNames.UserPartition(c.UserId), Key(c.CharacterId))
    {
        ["CharacterId"] = c.CharacterId,
        ["Name"] = c.Name,
        ["TriggerWord"] = c.TriggerWord,
        ["LoraKey"] = c.LoraKey,
        ["ConfigKey"] = c.ConfigKey,
        ["ReferenceImages"] = JsonSerializer.Serialize(c.ReferenceImages),
        ["TrainingSteps"] = c.TrainingSteps,
        ["JobId"] = c.JobId,
        ["CreatedUtc"] = c.CreatedAt.UtcDateTime,
    };

    private static CharacterRecord ToRecord(TableEntity e) => new(
        e.PartitionKey[2..],
        e.GetString("CharacterId"),
        e.GetString("Name"),
        e.GetString("TriggerWord"),
        e.GetString("LoraKey"),
        e.GetString("ConfigKey"),
        JsonSerializer.Deserialize<List<CharacterImage>>(e.GetString("ReferenceImages") ?? "[]") ?? [],
        e.GetInt32("TrainingSteps") ?? 0,
        e.GetString("JobId"),
        e.GetDateTimeOffset("CreatedUtc") ?? DateTimeOffset.MinValue);
}

public sealed class CharacterStoreOptions
{
    public string TableName { get; set; } = "Characters";
}
