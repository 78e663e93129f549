import { useState, type FormEvent } from 'react';
import { authApi } from '../api/auth';
import { saveRegistration } from '../auth/identity';
import { ErrorAlert, formErrors } from '../components/Alert';
import { TextField, EmailField, SubmitButton } from '../components/Field';
import { Link } from '../components/Link';
import { SocialButtons } from '../components/SocialButtons';
import { useAction } from '../components/useAction';
import { useTitle } from '../components/useTitle';
import { navigate } from '../router';

export function RegisterPage() {
  useTitle('Create account');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    const result = await run(() =>
      authApi.register({ email: address, password, ...(name.trim() ? { name: name.trim() } : {}) }),
    );
    if (result) {
      saveRegistration(result.registration);
      navigate(`/verify?email=${encodeURIComponent(address)}`);
    }
  };

  const { fieldErrors, problem } = formErrors(error);

  return (
    <div className="narrow">
      <h1>Create account</h1>
      <ErrorAlert error={problem} />
      <form onSubmit={submit} noValidate className="form">
        <TextField
          label="Name"
          id="register-name"
          autoComplete="name"
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={fieldErrors('name')}
          hint="Optional. Shown on your account page."
        />
        <EmailField
          id="register-email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={fieldErrors('email')}
        />
        <TextField
          label="Password"
          id="register-password"
          type="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fieldErrors('password')}
          hint="At least 8 characters. Very common passwords are refused."
        />
        <div className="actions">
          <SubmitButton busy={busy}>Create account</SubmitButton>
        </div>
      </form>
      <SocialButtons />
      <p className="muted">
        Already have an account? <Link to="/signin">Sign in</Link>
      </p>
    </div>
  );
}
