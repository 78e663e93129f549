import { useEffect, useState } from 'react';
import { authApi, socialSignInUrl } from '../api/auth';
import type { Provider } from '../api/types';

let cached: Promise<Provider[]> | null = null;

function providers(): Promise<Provider[]> {
  cached ??= authApi.providers().catch(() => {
    cached = null;
    return [];
  });
  return cached;
}

/** "Continue with {name}" for each configured social provider (full-page navigations). */
export function SocialButtons({ redirectTo = '/' }: { redirectTo?: string }) {
  const [list, setList] = useState<Provider[]>([]);
  useEffect(() => {
    let live = true;
    void providers().then((p) => live && setList(p));
    return () => {
      live = false;
    };
  }, []);
  if (!list.length) return null;
  return (
    <div className="social">
      <p className="divider">
        <span>or</span>
      </p>
      <ul className="social-list">
        {list.map((p) => (
          <li key={p.id}>
            <a className="button secondary wide" href={socialSignInUrl(p.id, redirectTo)}>
              Continue with {p.name}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
