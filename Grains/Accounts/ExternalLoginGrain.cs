using Microsoft.Extensions.Logging;
using Platform.Grains.Interfaces.Accounts;

namespace Platform.Grains.Accounts;

/// <summary>
/// Links one provider identity to one user. The first sign-in links by address, and only when
/// the provider vouches that the address is verified and its local part is ASCII: case folding
/// would map a look-alike mailbox (KELVIN SIGN "K" → "k") onto someone else's address.
/// </summary>
public sealed class ExternalLoginGrain(
    [PersistentState("external-login")] IPersistentState<ExternalLoginState> state,
    ILogger<ExternalLoginGrain> logger) : Grain, IExternalLoginGrain
{
    async Task<SignInOutcome> IExternalLoginGrain.SignIn(ExternalIdentity identity)
    {
        var address = EmailAddress.TryNormalize(identity.Email);
        if (state.State.UserId is not { } userId)
        {
            if (!identity.EmailVerified || address is null || !EmailAddress.HasAsciiLocalPart(identity.Email))
            {
                logger.LogInformation("External sign-in {Login} refused: the provider did not vouch for a valid address", this.GetPrimaryKeyString());
                return SignInOutcome.Fail(AuthFailure.ExternalEmailNotVerified);
            }
            userId = await GrainFactory.GetGrain<IEmailAddressGrain>(address).Claim(Guid.NewGuid());
            state.State.UserId = userId;
            await state.WriteStateAsync();
            logger.LogInformation("External login {Login} linked to user {UserId}", this.GetPrimaryKeyString(), userId);
        }
        return SignInOutcome.Success(await GrainFactory.GetGrain<IUserGrain>(userId).SignInExternal(address ?? identity.Email, identity.Name, identity.Image));
    }
}
