using System.ComponentModel.DataAnnotations;

namespace Platform.Silo.Recommendations;

/// <summary>The co-watch pairing (<c>Recommendations:Pairing</c>).</summary>
public sealed class PairingOptions
{
    public const string Section = "Recommendations:Pairing";

    /// <summary>How often a silo looks for views not paired yet (one silo pairs at a time; the others find the lock taken).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")] public TimeSpan Every { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Views paired in one transaction at most (a backlog is worked off batch after batch, without waiting).</summary>
    [Range(1, 1_000_000)] public int BatchSize { get; set; } = 5_000;

    /// <summary>Other views of the same viewer (within 24 h, the latest first) a view is paired with at most: bounds what one very busy viewer costs a round.</summary>
    [Range(1, 10_000)] public int PartnersPerView { get; set; } = 50;

    /// <summary>Related lists ranked in one round at most (of the videos whose pairs changed; a popular one reads all its pairs).</summary>
    [Range(1, 100_000)] public int RankBatchSize { get; set; } = 500;

    /// <summary>Neighbours kept per video: what related videos show and what recommendations choose from.</summary>
    [Range(1, 10_000)] public int RelatedKept { get; set; } = 100;

    /// <summary>How long view events are kept: what a user watched longer ago no longer steers their recommendations.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")] public TimeSpan KeepEvents { get; set; } = TimeSpan.FromDays(30);
}
