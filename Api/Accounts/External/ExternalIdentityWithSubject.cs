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

public sealed record ExternalIdentityWithSubject(string Subject, ExternalIdentity Identity);
