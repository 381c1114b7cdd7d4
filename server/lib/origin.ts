import os from 'node:os';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * The origin printed into QR codes and links (cards, code slips, the poster, the result's verification link). It comes
 * from configuration only — PUBLIC_ORIGIN, or the default main.ts worked out at start — never from the request's Host or
 * X-Forwarded-Host: a forged header must not put an attacker's address on a printed card or in the poster QR (which
 * is cached publicly). An app built in process without one (tests, the demo loader) prints `http://localhost`.
 */
export function publicOrigin(c: Context<AppEnv>): string {
  return (c.get('deps').publicOrigin ?? 'http://localhost').replace(/\/$/, '');
}

/** Interfaces of containers, bridges and tunnels: not where a hall's tablets or residents' phones reach the machine. */
const VIRTUAL = /^(docker|br-|veth|virbr|vmnet|vboxnet|lxc|lxd|cni|flannel|cali|weave|kube|tun|tap|wg|zt|tailscale|utun)/i;
const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

/** The machine's IPv4 addresses that other devices on its network can reach, private (LAN) ones first. */
export function lanAddresses(interfaces: ReturnType<typeof os.networkInterfaces> = os.networkInterfaces()): string[] {
  const found: string[] = [];
  for (const [name, list] of Object.entries(interfaces)) {
    if (VIRTUAL.test(name)) continue;
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')) found.push(a.address);
  }
  return [...found.filter((a) => PRIVATE.test(a)), ...found.filter((a) => !PRIVATE.test(a))];
}

export type LinkOrigin = {
  origin: string;
  /** Where it came from: the setting, the address the server listens on (HOST), this machine's LAN address, or localhost. */
  source: 'PUBLIC_ORIGIN' | 'HOST' | 'LAN' | 'localhost';
  /** The other LAN addresses that could have been chosen (when the machine has several). */
  others?: string[];
};

/**
 * The origin of printed links for this start. PUBLIC_ORIGIN when set. Otherwise (`npm start` on one machine):
 * listening on one address (HOST=192.168.1.20, or 127.0.0.1) → `http://HOST:PORT`, the only address that answers;
 * listening on every interface (the default) → `http://<the machine's LAN address>:PORT`, because the hall's tablets
 * and residents' phones are other devices on that network and `localhost` would send them to themselves; with no LAN
 * address, `http://localhost:PORT`. A default is a guess (an address from DHCP can change before the day of the vote):
 * main.ts warns, and a deployment sets PUBLIC_ORIGIN.
 */
export function linkOrigin(config: { publicOrigin?: string; host: string }, port: number, interfaces?: ReturnType<typeof os.networkInterfaces>): LinkOrigin {
  if (config.publicOrigin) return { origin: config.publicOrigin.replace(/\/$/, ''), source: 'PUBLIC_ORIGIN' };
  const hostPart = (h: string) => (h.includes(':') ? `[${h}]` : h);
  if (!['0.0.0.0', '::', '[::]', ''].includes(config.host)) return { origin: `http://${hostPart(config.host)}:${port}`, source: 'HOST' };
  const [lan, ...others] = lanAddresses(interfaces);
  if (lan) return { origin: `http://${lan}:${port}`, source: 'LAN', ...(others.length ? { others } : {}) };
  return { origin: `http://localhost:${port}`, source: 'localhost' };
}
