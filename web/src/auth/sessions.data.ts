import type { z } from 'zod';
import type { SessionInfo } from '../../../shared/auth/schema.ts';
import { api } from '../api.ts';

export type Session = z.infer<typeof SessionInfo>;
export const fetchMySessions = () => api.get<Session[]>('/auth/sessions');
export const revokeMySession = (id: string) => api.del(`/auth/sessions/${id}`);

/** "Chrome · Windows" from a user-agent string: enough for a person to recognise their own device. */
export function describeAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /MicroMessenger/i.test(ua)
        ? 'WeChat'
        : /Chrome\//.test(ua)
          ? 'Chrome'
          : /Safari\//.test(ua)
            ? 'Safari'
            : null;
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  const parts = [browser, os].filter(Boolean);
  return parts.length ? parts.join(' · ') : ua.slice(0, 60);
}
