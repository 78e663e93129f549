namespace Platform.Api.Accounts.Contracts;

/// <summary>The answer to every well-formed registration: <see cref="Registration"/> is the opaque handle to send along when verifying.</summary>
public sealed record RegisterResponse(string Status, string Registration);
