using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Api.Accounts.External;

/// <summary>A provider answer we cannot accept; the message is safe to show.</summary>
public sealed class ExternalSignInException(string message, Exception? inner = null) : Exception(message, inner);
