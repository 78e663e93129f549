import { request } from './client';
import type { CurrentSession, Provider, RegisterResult, SessionListItem, SignInResult } from './types';

export const authApi = {
  session: () => request<CurrentSession>('/api/auth/session', { quiet401: true }),
  providers: () => request<Provider[]>('/api/auth/providers'),
  register: (body: { email: string; password: string; name?: string }) =>
    request<RegisterResult>('/api/auth/register', { method: 'POST', body }),
  verifyEmail: (body: { email: string; code: string; registration?: string }) =>
    request<SignInResult>('/api/auth/verify-email', { method: 'POST', body }),
  login: (body: { email: string; password: string }) =>
    request<SignInResult>('/api/auth/login', { method: 'POST', body }),
  sendCode: (email: string) =>
    request<{ status: string }>('/api/auth/otp/send', { method: 'POST', body: { email, purpose: 'sign-in' } }),
  verifyCode: (body: { email: string; code: string }) =>
    request<SignInResult>('/api/auth/otp/verify', { method: 'POST', body }),
  forgotPassword: (email: string) =>
    request<{ status: string }>('/api/auth/password/forgot', { method: 'POST', body: { email } }),
  resetPassword: (body: { email: string; code: string; newPassword: string }) =>
    request<SignInResult>('/api/auth/password/reset', { method: 'POST', body }),
  logout: (all = false) =>
    request<void>('/api/auth/logout', { method: 'POST', body: all ? { all: true } : {} }),
  sessions: () => request<SessionListItem[]>('/api/auth/sessions'),
  revokeSession: (id: string) =>
    request<void>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};

/** Where a social provider's sign-in starts (a full-page navigation). */
export function socialSignInUrl(providerId: string, redirectTo = '/'): string {
  return `/api/auth/signin/${encodeURIComponent(providerId)}?redirectTo=${encodeURIComponent(redirectTo)}`;
}
