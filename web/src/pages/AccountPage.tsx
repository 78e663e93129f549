import { useCallback, useEffect, useState } from 'react';
import { authApi } from '../api/auth';
import { toApiError, type ApiError } from '../api/client';
import type { SessionListItem } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { ErrorAlert } from '../components/Alert';
import { useTitle } from '../components/useTitle';
import { formatDate, formatDateTime, formatRelativeTime } from '../format';
import { navigate } from '../router';

export function AccountPage() {
  useTitle('Account');
  const auth = useAuth();
  const user = auth.user;
  const [sessions, setSessions] = useState<SessionListItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const list = await authApi.sessions();
      // This device first, then the most recently used.
      list.sort(
        (a, b) =>
          Number(b.current) - Number(a.current) ||
          Date.parse(b.lastUsedAt ?? b.createdAt) - Date.parse(a.lastUsedAt ?? a.createdAt),
      );
      setSessions(list);
    } catch (e) {
      setError(toApiError(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const revoke = async (session: SessionListItem) => {
    setBusy(session.id);
    setError(null);
    try {
      await authApi.revokeSession(session.id);
      if (session.current) {
        auth.forget();
        navigate('/');
        return;
      }
      setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null);
      setStatus(`Revoked the session on ${session.device ?? 'an unknown device'}.`);
    } catch (e) {
      const problem = toApiError(e);
      if (problem.status === 404) {
        setSessions((list) => list?.filter((s) => s.id !== session.id) ?? null);
      } else {
        setError(problem);
      }
    } finally {
      setBusy(null);
    }
  };

  const signOutEverywhere = async () => {
    setBusy('all');
    setError(null);
    try {
      await auth.signOut(true);
      navigate('/');
    } catch (e) {
      setError(toApiError(e));
      setBusy(null);
    }
  };

  return (
    <>
      <h1>Account</h1>
      {user ? (
        <dl className="account-details">
          <div>
            <dt>Name</dt>
            <dd>{user.name || 'Not set'}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>Member since</dt>
            <dd>{formatDate(user.createdAt)}</dd>
          </div>
        </dl>
      ) : null}

      <section aria-labelledby="sessions-heading" className="section">
        <h2 id="sessions-heading">Sessions</h2>
        <p className="muted">The devices where you are signed in. Revoke any you do not recognise.</p>
        <ErrorAlert error={error} />
        <p className="visually-hidden" role="status">
          {status}
        </p>
        {sessions === null && !error ? <p className="muted">Loading…</p> : null}
        {sessions?.length ? (
          <ul className="sessions">
            {sessions.map((session) => {
              const device = session.device || 'Unknown device';
              return (
                <li key={session.id} className="session">
                  <div>
                    <p className="session-device">
                      <strong>{device}</strong>
                      {session.current ? <span className="badge badge-current">This device</span> : null}
                    </p>
                    <p className="muted small">
                      <span title={formatDateTime(session.createdAt)}>Signed in {formatDate(session.createdAt)}</span>
                      {session.lastUsedAt ? (
                        <>
                          {' · '}
                          <span title={formatDateTime(session.lastUsedAt)}>
                            Last used {formatRelativeTime(session.lastUsedAt)}
                          </span>
                        </>
                      ) : null}
                    </p>
                  </div>
                  <button
                    type="button"
                    className="button secondary"
                    aria-label={`Revoke session ${device}${session.current ? ' (this device)' : ''}`}
                    aria-busy={busy === session.id || undefined}
                    onClick={() => void revoke(session)}
                  >
                    Revoke
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        <p>
          <button
            type="button"
            className="button danger"
            onClick={() => void signOutEverywhere()}
            aria-busy={busy === 'all' || undefined}
          >
            Sign out everywhere
          </button>
        </p>
      </section>
    </>
  );
}
