namespace Platform.Grains.Interfaces.Views;

/// <summary>
/// The view count of one video (key: the video id): each viewer counts once per 30 minutes; counts
/// are kept in memory and added to the read model every few seconds, not one write per view.
/// </summary>
[Alias("IVideoViewsGrain")]
public interface IVideoViewsGrain : IGrainWithGuidKey
{
    /// <summary>
    /// Counts a view by <paramref name="viewer"/> (a hash of the user or the anonymous client); false
    /// when it was counted within the window already. An anonymous viewer also names its client
    /// network: one network counts only a few anonymous viewers per video per window.
    /// </summary>
    [Alias("Record")] Task<bool> Record(string viewer, string? anonymousNetwork);

    /// <summary>Views so far, the ones not yet written included.</summary>
    [Alias("Count")] Task<long> Count();
}
