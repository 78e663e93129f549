// localStorage access that never throws (private mode, storage disabled).

export function browserStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function getItem(key: string): string | null {
  try {
    return browserStorage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function setItem(key: string, value: string): void {
  try {
    browserStorage()?.setItem(key, value);
  } catch {
    // ignored: nothing depends on it surviving
  }
}

export function removeItem(key: string): void {
  try {
    browserStorage()?.removeItem(key);
  } catch {
    // ignored
  }
}
