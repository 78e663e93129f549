import { useEffect, useId, useState, type FormEvent } from 'react';
import { useAuth } from '../auth/AuthContext';
import { navigate, useLocation } from '../router';
import { Link } from './Link';

function NavLink({ to, children }: { to: string; children: string }) {
  const { pathname } = useLocation();
  const active = to === '/' ? pathname === '/' : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} className="nav-link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

export function Header() {
  const auth = useAuth();
  const location = useLocation();
  const searchId = useId();
  const urlQuery = location.pathname === '/search' ? (new URLSearchParams(location.search).get('q') ?? '') : '';
  const [query, setQuery] = useState(urlQuery);
  const [signingOut, setSigningOut] = useState(false);

  useEffect(() => setQuery(urlQuery), [urlQuery]);

  const search = (event: FormEvent) => {
    event.preventDefault();
    const q = query.trim();
    navigate(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
  };

  const signOut = async () => {
    setSigningOut(true);
    try {
      await auth.signOut();
      navigate('/');
    } catch {
      // The session stays; the person can try again.
    } finally {
      setSigningOut(false);
    }
  };

  const status = auth.state.status;
  return (
    <header className="site-header">
      <div className="header-inner">
        <Link to="/" className="brand">
          Platform
        </Link>
        <form role="search" className="search" onSubmit={search}>
          <label htmlFor={searchId} className="visually-hidden">
            Search videos
          </label>
          <input
            id={searchId}
            type="search"
            name="q"
            value={query}
            maxLength={200}
            placeholder="Search videos"
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="submit" className="button">
            Search
          </button>
        </form>
        <nav aria-label="Main" className="main-nav">
          <ul>
            <li>
              <NavLink to="/">Home</NavLink>
            </li>
            {status === 'signedIn' ? (
              <>
                <li>
                  <NavLink to="/upload">Upload</NavLink>
                </li>
                <li>
                  <NavLink to="/me/videos">My videos</NavLink>
                </li>
                <li>
                  <NavLink to="/account">Account</NavLink>
                </li>
                <li>
                  <button type="button" className="button link-like" onClick={() => void signOut()} aria-busy={signingOut || undefined}>
                    Sign out
                  </button>
                </li>
              </>
            ) : null}
            {status === 'signedOut' ? (
              <>
                <li>
                  <NavLink to="/signin">Sign in</NavLink>
                </li>
                <li>
                  <NavLink to="/register">Create account</NavLink>
                </li>
              </>
            ) : null}
          </ul>
        </nav>
      </div>
    </header>
  );
}
