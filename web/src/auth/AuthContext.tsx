import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { authApi } from '../api/auth';
import { setUnauthorizedListener, toApiError } from '../api/client';
import type { CurrentSession, User } from '../api/types';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signedIn'; user: User; sessionId: string }
  | { status: 'signedOut' };

export interface AuthValue {
  state: AuthState;
  user: User | null;
  /** Set when a session ended while the app thought it was signed in ("You were signed out"). */
  signedOutNotice: boolean;
  /** Asks the Api whether the session still holds; resolves to true when signed in. */
  refresh: () => Promise<boolean>;
  /** After a successful sign-in answer. */
  signedIn: (result: CurrentSession) => void;
  /** Ends this session (or every session) at the Api, then the local state. */
  signOut: (everywhere?: boolean) => Promise<void>;
  /** The session is gone (e.g. revoked here); no notice. */
  forget: () => void;
  dismissNotice: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const [signedOutNotice, setNotice] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  const lostSession = useCallback(() => {
    if (stateRef.current.status === 'signedIn') setNotice(true);
    stateRef.current = { status: 'signedOut' };
    setState(stateRef.current);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const current = await authApi.session();
      stateRef.current = { status: 'signedIn', user: current.user, sessionId: current.session.id };
      setState(stateRef.current);
      setNotice(false);
      return true;
    } catch (error) {
      const problem = toApiError(error);
      if (problem.status === 401) {
        lostSession();
        return false;
      }
      // Network trouble or a busy server: keep what we believed, but leave "loading".
      if (stateRef.current.status === 'loading') {
        stateRef.current = { status: 'signedOut' };
        setState(stateRef.current);
      }
      return stateRef.current.status === 'signedIn';
    }
  }, [lostSession]);

  const signedIn = useCallback((result: CurrentSession) => {
    stateRef.current = { status: 'signedIn', user: result.user, sessionId: result.session.id };
    setState(stateRef.current);
    setNotice(false);
  }, []);

  const forget = useCallback(() => {
    stateRef.current = { status: 'signedOut' };
    setState(stateRef.current);
    setNotice(false);
  }, []);

  const signOut = useCallback(
    async (everywhere = false) => {
      try {
        await authApi.logout(everywhere);
      } catch (error) {
        // A session that had already ended is signed out all the same.
        if (toApiError(error).status !== 401) throw error;
      }
      forget();
    },
    [forget],
  );

  useEffect(() => {
    setUnauthorizedListener(() => lostSession());
    void refresh();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      setUnauthorizedListener(null);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [lostSession, refresh]);

  const value = useMemo<AuthValue>(
    () => ({
      state,
      user: state.status === 'signedIn' ? state.user : null,
      signedOutNotice,
      refresh,
      signedIn,
      signOut,
      forget,
      dismissNotice: () => setNotice(false),
    }),
    [state, signedOutNotice, refresh, signedIn, signOut, forget],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
