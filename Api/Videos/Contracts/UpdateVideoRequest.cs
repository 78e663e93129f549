namespace Platform.Api.Videos.Contracts;

/// <summary>The owner's changes; an absent field stays as it is, an empty description removes it.</summary>
public sealed record UpdateVideoRequest(string? Title, string? Description, string? Visibility);
