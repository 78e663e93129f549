namespace Platform.Grains.Views;

/// <summary>A counted view: who (the hash the views grain counts by) and when.</summary>
public readonly record struct CountedView(string Viewer, DateTimeOffset At);
