using SaferCity.Core.Model;

namespace SaferCity.Core.Updates;

/// <summary>Where a lead's update is written: the SharePoint list through Graph, or the local tracker file.</summary>
public interface IUpdateTarget
{
    /// <summary>One tracker item with its <see cref="ListItem.ETag"/> (and web address), or null when there is no such item.</summary>
    Task<ListItem?> ReadItemAsync(string itemId, CancellationToken cancellationToken);

    /// <summary>The leads list, to name the lead a link was sent to and check it is still a lead of the action.</summary>
    Task<IReadOnlyList<ListItem>> ReadLeadsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sets these fields (column name to value) on the item, only if its version is still <paramref name="etag"/>.
    /// Fields not named are left as they are.
    /// </summary>
    Task<WriteOutcome> WriteAsync(string itemId, IReadOnlyDictionary<string, string> fields, string etag, CancellationToken cancellationToken);
}

public enum WriteOutcome
{
    Written,
    /// <summary>The item changed since it was read (HTTP 412): nothing was written.</summary>
    Conflict,
    NotFound,
}
