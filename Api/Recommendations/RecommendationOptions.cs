using System.ComponentModel.DataAnnotations;

namespace Platform.Api.Recommendations;

/// <summary>Related videos, recommendations and trending as the Api serves them (<c>Recommendations</c>).</summary>
public sealed class RecommendationOptions : IValidatableObject
{
    public const string Section = "Recommendations";

    /// <summary>How long a node keeps the trending list before asking the database again (0: every request).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan TrendingRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many of the most viewed videos of the last 7 days the trending list keeps.</summary>
    [Range(1, 10_000)] public int TrendingSize { get; set; } = 500;

    /// <summary>How many of a user's most recently watched videos steer their recommendations (at most <see cref="WatchedExcluded"/>).</summary>
    [Range(1, 1_000)] public int Seeds { get; set; } = 50;

    /// <summary>How many of a user's most recently watched videos are left out of their recommendations.</summary>
    [Range(1, 10_000)] public int WatchedExcluded { get; set; } = 1_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Seeds > WatchedExcluded)
            yield return new ValidationResult($"{Section}:Seeds ({Seeds}) must be at most {Section}:WatchedExcluded ({WatchedExcluded}): the seeds are taken from the watched videos.",
                [nameof(Seeds), nameof(WatchedExcluded)]);
    }
}
