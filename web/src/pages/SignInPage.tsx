import { useState, type FormEvent } from 'react';
import { authApi } from '../api/auth';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert, formErrors } from '../components/Alert';
import { TextField, EmailField, CodeField, SubmitButton } from '../components/Field';
import { Link } from '../components/Link';
import { SocialButtons } from '../components/SocialButtons';
import { useAction } from '../components/useAction';
import { useTitle } from '../components/useTitle';
import { navigate, safeNext, useSearchParam } from '../router';

export function SignInPage() {
  useTitle('Sign in');
  const auth = useAuth();
  const next = safeNext(useSearchParam('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codeSentTo, setCodeSentTo] = useState<string | null>(null);
  const { busy, error, run } = useAction();

  const signIn = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() => authApi.login({ email: email.trim(), password }));
    if (result) {
      auth.signedIn(result);
      navigate(next, { replace: true });
    }
  };

  const sendCode = async () => {
    const address = email.trim();
    const sent = await run(() => authApi.sendCode(address));
    if (sent) {
      setCodeSentTo(address);
      setCode('');
      // Move on to the code field.
      requestAnimationFrame(() => document.getElementById('signin-code')?.focus());
    }
  };

  const signInWithCode = async (event: FormEvent) => {
    event.preventDefault();
    const result = await run(() => authApi.verifyCode({ email: codeSentTo ?? email.trim(), code: code.trim() }));
    if (result) {
      auth.signedIn(result);
      navigate(next, { replace: true });
    }
  };

  const { fieldErrors, problem } = formErrors(error);

  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {auth.state.status === 'signedIn' ? (
        <p className="alert alert-info">
          You are signed in as {auth.user?.email}. <Link to="/">Go to the home page</Link>
        </p>
      ) : null}
      <ErrorAlert error={problem}>
        {problem?.code === 'email_not_verified' ? (
          <p>You can also sign in with a code sent to your email: press “Email me a code”.</p>
        ) : null}
      </ErrorAlert>
      <form onSubmit={signIn} noValidate className="form">
        <EmailField
          id="signin-email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={fieldErrors('email')}
        />
        <TextField
          label="Password"
          id="signin-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fieldErrors('password')}
        />
        <div className="actions">
          <SubmitButton busy={busy}>Sign in</SubmitButton>
          <Link to={`/forgot-password${email.trim() ? `?email=${encodeURIComponent(email.trim())}` : ''}`}>
            Forgot password?
          </Link>
        </div>
        <div className="alt-signin">
          <p className="muted">No password? We can email you a one-time code.</p>
          <button type="button" className="button secondary" onClick={() => void sendCode()}>
            Email me a code
          </button>
        </div>
      </form>

      {codeSentTo ? (
        <form onSubmit={signInWithCode} noValidate className="form code-form">
          <p role="status">We sent a 6-digit code to {codeSentTo}. It is valid for 10 minutes.</p>
          <CodeField
            id="signin-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            errors={fieldErrors('code')}
          />
          <SubmitButton busy={busy}>Sign in with code</SubmitButton>
        </form>
      ) : null}

      <SocialButtons redirectTo={next} />
      <p className="muted">
        New here? <Link to="/register">Create an account</Link>
      </p>
    </div>
  );
}
