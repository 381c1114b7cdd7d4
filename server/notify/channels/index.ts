/**
 * The notify stage's runtime on this instance: its settings (config.ts) and a transport per channel. SMS and e-mail
 * exist only when the deployment configured them; the robots always (each congress sets its own webhook,
 * notify_robots). Routes and the worker read `deps.notify`, or, when the app was built without one (tests, the demo
 * loader), a runtime made once from `process.env`.
 */
import { log } from '../../lib/log.ts';
import type { Deps } from '../../lib/env.ts';
import { parseNotifyConfig, type NotifyConfig } from '../config.ts';
import type { Transports } from '../types.ts';
import { emailTransport } from './email.ts';
import { robotTransport } from './robots.ts';
import { smsTransport } from './sms.ts';

export type NotifyRuntime = { config: NotifyConfig; transports: Transports };

export function makeNotifyRuntime(config: NotifyConfig): NotifyRuntime {
  const transports: Transports = {
    wecom: robotTransport('wecom', config.timeoutMs),
    dingtalk: robotTransport('dingtalk', config.timeoutMs),
  };
  if (config.sms) transports.sms = smsTransport(config.sms, config.timeoutMs);
  if (config.email) transports.email = emailTransport(config.email, config.timeoutMs);
  return { config, transports };
}

/** Close what the transports hold open (the SMTP client). */
export async function closeNotifyRuntime(runtime: NotifyRuntime): Promise<void> {
  await Promise.all(Object.values(runtime.transports).map((t) => t?.close?.()));
}

let fromEnv: NotifyRuntime | undefined;

/** `deps.notify`, else the runtime of `process.env` (made once; a wrong setting there leaves every channel off, said once in the log). */
export function notifyRuntimeOf(deps: Pick<Deps, 'notify'>): NotifyRuntime {
  if (deps.notify) return deps.notify;
  if (!fromEnv) {
    let config: NotifyConfig;
    try {
      config = parseNotifyConfig(process.env);
    } catch (e) {
      log.error('notify settings', { error: (e as Error).message });
      config = parseNotifyConfig({});
    }
    fromEnv = makeNotifyRuntime(config);
  }
  return fromEnv;
}
