// Values this browser keeps for the Api: the registration handle and the anonymous viewer id.
import { getItem, removeItem, setItem } from '../storage';

export const REGISTRATION_KEY = 'platform.registration';
export const CLIENT_ID_KEY = 'platform.clientId';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** 32 characters of [A-Za-z0-9_-], 6 random bits each (the alphabet has 64 letters). */
export function newClientId(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  const bytes = random(new Uint8Array(32));
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 63];
  return out;
}

/** The anonymous viewer id, made once and kept in localStorage["platform.clientId"]. */
export function clientId(): string {
  const existing = getItem(CLIENT_ID_KEY);
  if (existing && CLIENT_ID_PATTERN.test(existing)) return existing;
  const id = newClientId();
  setItem(CLIENT_ID_KEY, id);
  return id;
}

export function saveRegistration(handle: string): void {
  setItem(REGISTRATION_KEY, handle);
}

export function registration(): string | undefined {
  return getItem(REGISTRATION_KEY) ?? undefined;
}

export function forgetRegistration(): void {
  removeItem(REGISTRATION_KEY);
}
