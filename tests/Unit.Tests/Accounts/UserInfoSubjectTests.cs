using System.Text.Json;
using Platform.Api.Accounts.External;

namespace Platform.Unit.Tests.Accounts;

/// <summary>A userinfo answer counts only when it names the id_token's subject.</summary>
public sealed class UserInfoSubjectTests
{
    [Theory]
    [InlineData("""{"sub":"248289761001","email":"a@example.test"}""", true)]
    [InlineData("""{"email":"a@example.test","email_verified":true}""", false)]
    [InlineData("""{"sub":"someone-else","email":"a@example.test"}""", false)]
    [InlineData("""{"sub":248289761001}""", false)]
    [InlineData("""{"sub":null}""", false)]
    [InlineData("""["sub"]""", false)]
    public void Userinfo_must_name_the_subject(string json, bool expected)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(expected, ExternalSignIn.NamesSubject(document.RootElement, "248289761001"));
    }
}
