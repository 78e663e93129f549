import { useEffect } from 'react';

/** Sets document.title to "{title} · Platform" (just "Platform" without a title). */
export function useTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Platform` : 'Platform';
  }, [title]);
}
