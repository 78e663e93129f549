import { useState, type FormEvent } from 'react';
import { authApi } from '../api/auth';
import { useAuth } from '../auth/AuthContext';
import { forgetRegistration, registration } from '../auth/identity';
import { ErrorAlert, formErrors } from '../components/Alert';
import { EmailField, CodeField, SubmitButton } from '../components/Field';
import { Link } from '../components/Link';
import { useAction } from '../components/useAction';
import { useTitle } from '../components/useTitle';
import { navigate, useSearchParam } from '../router';

export function VerifyPage() {
  useTitle('Verify your email');
  const auth = useAuth();
  const fromUrl = (useSearchParam('email') ?? '').trim();
  const [email, setEmail] = useState(fromUrl);
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() =>
      authApi.verifyEmail({ email: email.trim(), code: code.trim(), registration: registration() }),
    );
    if (result) {
      forgetRegistration();
      auth.signedIn(result);
      navigate('/', { replace: true });
    }
  };

  const { fieldErrors, problem } = formErrors(error);

  return (
    <div className="narrow">
      <h1>Verify your email</h1>
      {fromUrl ? (
        <p>
          We sent a 6-digit code to <strong>{fromUrl}</strong>. Enter it below, or click the link in the same email.
        </p>
      ) : (
        <p>Enter your email address and the 6-digit code we sent to it, or click the link in that email.</p>
      )}
      <ErrorAlert error={problem} />
      <form onSubmit={submit} noValidate className="form">
        {fromUrl ? null : (
          <EmailField
            id="verify-email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            errors={fieldErrors('email')}
          />
        )}
        <CodeField
          id="verify-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          errors={fieldErrors('code')}
          hint="The code is valid for 10 minutes."
        />
        <div className="actions">
          <SubmitButton busy={busy}>Verify</SubmitButton>
        </div>
      </form>
      <p className="muted">
        No email? Check your spam folder, or <Link to="/register">register again</Link>.
      </p>
    </div>
  );
}
