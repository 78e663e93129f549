import { useState, type FormEvent } from 'react';
import { authApi } from '../api/auth';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert, formErrors } from '../components/Alert';
import { TextField, EmailField, CodeField, SubmitButton } from '../components/Field';
import { Link } from '../components/Link';
import { useAction } from '../components/useAction';
import { useTitle } from '../components/useTitle';
import { navigate, useSearchParam } from '../router';

export function ForgotPasswordPage() {
  useTitle('Reset your password');
  const auth = useAuth();
  const [email, setEmail] = useState((useSearchParam('email') ?? '').trim());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (await run(() => authApi.forgotPassword(address))) setSentTo(address);
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() =>
      authApi.resetPassword({ email: sentTo ?? email.trim(), code: code.trim(), newPassword: password }),
    );
    if (result) {
      auth.signedIn(result);
      navigate('/', { replace: true });
    }
  };

  const { fieldErrors, problem } = formErrors(error);

  return (
    <div className="narrow">
      <h1>Reset your password</h1>
      <ErrorAlert error={problem} />
      {sentTo ? (
        <>
          <p role="status" className="alert alert-info">
            If {sentTo} has an account, we sent it a code and a link to reset the password. Check your mail: open the
            link, or enter the code here.
          </p>
          <form onSubmit={reset} noValidate className="form">
            <CodeField
              id="reset-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              errors={fieldErrors('code')}
            />
            <TextField
              label="New password"
              id="reset-password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              errors={fieldErrors('newPassword')}
              hint="At least 8 characters. Signing in with it signs out your other devices."
            />
            <div className="actions">
              <SubmitButton busy={busy}>Reset password</SubmitButton>
            </div>
          </form>
        </>
      ) : (
        <form onSubmit={send} noValidate className="form">
          <p>Enter your email address. We will send you a code and a link to set a new password.</p>
          <EmailField
            id="forgot-email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={fieldErrors('email')}
          />
          <div className="actions">
            <SubmitButton busy={busy}>Send reset code</SubmitButton>
          </div>
        </form>
      )}
      <p className="muted">
        Remembered it? <Link to="/signin">Sign in</Link>
      </p>
    </div>
  );
}
