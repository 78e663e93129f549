namespace Platform.Api.Accounts.External;

/// <summary>The provider cannot be used right now (unreachable, or its configuration cannot be trusted): a 502, not the person's fault.</summary>
public sealed class ExternalProviderException(string message, Exception? inner = null) : Exception(message, inner);
