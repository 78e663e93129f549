namespace Platform.Api.Accounts;

/// <summary>
/// The page the password-reset link opens: a new password, posted with the link's token to
/// <c>/api/auth/password/reset</c> only when the person submits it (mail scanners that follow
/// links spend nothing).
/// </summary>
public static class ResetPasswordPage
{
    public static IEndpointRouteBuilder MapResetPasswordPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reset-password", () => TypedResults.Content(Html, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    private const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>Set a new password</title></head>
        <body style="font-family:sans-serif;max-width:30em;margin:4em auto">
        <h1>Set a new password</h1>
        <form id="reset">
        <p><label for="password">New password (8 to 128 characters)</label><br>
        <input id="password" type="password" autocomplete="new-password" minlength="8" maxlength="128" required></p>
        <p><button type="submit">Set password</button></p>
        </form>
        <p id="result" role="status"></p>
        <script>
        document.getElementById('reset').addEventListener('submit', async event => {
          event.preventDefault();
          const token = new URLSearchParams(location.search).get('token') || '';
          const newPassword = document.getElementById('password').value;
          const response = await fetch('/api/auth/password/reset', {
            method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token, newPassword }) });
          const body = await response.json();
          document.getElementById('result').textContent = response.ok
            ? 'Your password is set and you are signed in as ' + body.user.email + '. Every other session was signed out.'
            : (body.detail || 'This link no longer works.');
        });
        </script>
        </body></html>
        """;
}
