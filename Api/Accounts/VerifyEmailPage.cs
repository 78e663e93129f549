namespace Platform.Api.Accounts;

/// <summary>
/// The page the verification link opens. It posts the token only when the person presses the
/// button, so mail scanners that follow links do not spend it. A client that registered in this
/// browser keeps its registration handle in <c>localStorage["platform.registration"]</c>; the
/// page sends it along, so that registration's password becomes the account's.
/// </summary>
public static class VerifyEmailPage
{
    public static IEndpointRouteBuilder MapVerifyEmailPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/verify-email", () => TypedResults.Content(Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>Verify your email</title></head>
        <body style="font-family:sans-serif;max-width:30em;margin:4em auto">
        <h1>Verify your email address</h1>
        <p><button id="verify">Verify</button></p>
        <p id="result" role="status"></p>
        <script>
        document.getElementById('verify').addEventListener('click', async () => {
          const token = new URLSearchParams(location.search).get('token') || '';
          const registration = localStorage.getItem('platform.registration') || undefined;
          const response = await fetch('/api/auth/verify-email', {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, registration }) });
          const body = await response.json();
          document.getElementById('result').textContent = response.ok
            ? 'Your address is verified and you are signed in as ' + body.user.email + '.'
            : (body.detail || 'This link no longer works.');
        });
        </script>
        </body></html>
        """;
}
