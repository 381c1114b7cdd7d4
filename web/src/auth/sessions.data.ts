import type { z } from 'zod';
import type { SessionInfo } from '../../../shared/auth/schema.ts';
import * as C from '../../../shared/auth/contract.ts';
import { call } from '../api.ts';

export type Session = z.infer<typeof SessionInfo>;
export const fetchMySessions = () => call(C.listSessions);
export const revokeMySession = (sessionId: string) => call(C.revokeSession, { params: { sessionId } });

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
