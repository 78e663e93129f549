import { useEffect, useRef, type ReactNode } from 'react';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { Header } from './components/Header';
import { Link } from './components/Link';
import { AccountPage } from './pages/AccountPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { MyVideosPage } from './pages/MyVideosPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { RegisterPage } from './pages/RegisterPage';
import { SearchPage } from './pages/SearchPage';
import { SignInPage } from './pages/SignInPage';
import { UploadPage } from './pages/UploadPage';
import { UserVideosPage } from './pages/UserVideosPage';
import { VerifyPage } from './pages/VerifyPage';
import { WatchPage } from './pages/WatchPage';
import { matchRoutes, navigate, useLocation, type Params } from './router';
import { uploads } from './upload/manager';

interface Route {
  path: string;
  /** Needs an account: the session is checked again on every visit. */
  auth?: boolean;
  render: (params: Params) => ReactNode;
}

const routes: Route[] = [
  { path: '/', render: () => <HomePage /> },
  { path: '/search', render: () => <SearchPage /> },
  { path: '/watch/:id', render: ({ id }) => <WatchPage key={id} id={id} /> },
  { path: '/users/:id', render: ({ id }) => <UserVideosPage key={id} id={id} /> },
  { path: '/upload', auth: true, render: () => <UploadPage /> },
  { path: '/me/videos', auth: true, render: () => <MyVideosPage /> },
  { path: '/account', auth: true, render: () => <AccountPage /> },
  { path: '/signin', render: () => <SignInPage /> },
  { path: '/register', render: () => <RegisterPage /> },
  { path: '/verify', render: () => <VerifyPage /> },
  { path: '/forgot-password', render: () => <ForgotPasswordPage /> },
  { path: '*', render: () => <NotFoundPage /> },
];

/** Pages that need an account: re-check the session on each visit; signed out → /signin?next=…. */
function RequireAuth({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const { refresh } = auth;
  const status = auth.state.status;

  useEffect(() => {
    if (status !== 'loading') void refresh();
    // On every navigation to such a page (location.key), not on every status change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key, refresh]);

  useEffect(() => {
    if (status === 'signedOut') {
      const next = location.pathname + location.search;
      navigate(`/signin?next=${encodeURIComponent(next)}`, { replace: true });
    }
  }, [status, location.pathname, location.search]);

  if (status !== 'signedIn') {
    return (
      <p className="muted" role="status">
        Checking your session…
      </p>
    );
  }
  return <>{children}</>;
}

function SignedOutNotice() {
  const auth = useAuth();
  const location = useLocation();
  if (!auth.signedOutNotice) return null;
  const here = location.pathname + location.search;
  const next = location.pathname === '/signin' ? new URLSearchParams(location.search).get('next') ?? '/' : here;
  return (
    <div className="alert alert-warning notice" role="alert">
      <p>
        You were signed out.{' '}
        {location.pathname === '/signin' ? null : <Link to={`/signin?next=${encodeURIComponent(next)}`}>Sign in</Link>}
      </p>
      <button type="button" className="button link-like" onClick={auth.dismissNotice}>
        Dismiss
      </button>
    </div>
  );
}

function Shell() {
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const shown = useRef(location.pathname + location.search);
  const match = matchRoutes(routes, location.pathname)!;

  // After a client-side navigation (not on the first load), start at the top and move focus to
  // the new page's content, so keyboard and screen reader users continue from there.
  useEffect(() => {
    const here = location.pathname + location.search;
    if (shown.current === here) return;
    shown.current = here;
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [location.pathname, location.search]);

  const page = match.route.render(match.params);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" ref={main} tabIndex={-1} className="main">
        <SignedOutNotice />
        {match.route.auth ? <RequireAuth>{page}</RequireAuth> : page}
      </main>
      <footer className="site-footer">
        <p>Platform</p>
      </footer>
    </>
  );
}

/**
 * Hands the signed-in user to the upload manager: signing out (or another account signing in)
 * stops this user's uploads and hides their unfinished ones. A session still being checked
 * changes nothing.
 */
function UploadsFollowAccount() {
  const { state } = useAuth();
  const userId = state.status === 'signedIn' ? state.user.id : state.status === 'signedOut' ? null : undefined;
  useEffect(() => {
    if (userId !== undefined) uploads.setUser(userId);
  }, [userId]);
  return null;
}

export function App() {
  return (
    <AuthProvider>
      <UploadsFollowAccount />
      <Shell />
    </AuthProvider>
  );
}
