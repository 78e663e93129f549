namespace Platform.Api.Accounts.External;

/// <summary>A provider answer we cannot accept; the message is safe to show.</summary>
public sealed class ExternalSignInException(string message, Exception? inner = null) : Exception(message, inner);
