/**
 * The crowd of live screens for the bench, in a process of its own: 1,000 streams receiving snapshots keep an event
 * loop busy, and that loop must not be the one timing the casts (the bench's latencies would grow with the crowd even
 * if the server's did not). Usage (from bench/run.ts): node --import tsx bench/crowd.ts <origin> <path> <count> <firstAddress>
 * Prints `ready` once every stream has its first snapshot; on `report` from stdin prints the snapshots received since
 * ready per stream and how many the server closed, as one JSON line, and exits.
 */
import { createInterface } from 'node:readline';
import { LiveStream, pool } from './client.ts';

const [origin, path, countArg, firstArg] = process.argv.slice(2);
const count = Number(countArg);
const first = Number(firstArg);
const loopback = (i: number) => `127.0.${Math.floor(i / 250)}.${(i % 250) + 2}`;

// 50 streams per source address: the server's per-address cap.
const streams = await pool(Array.from({ length: count }), 32, (_, i) => LiveStream.open(origin, path, loopback(first + Math.floor(i / 50))));
await Promise.all(streams.map((x) => x.first));
const before = streams.map((x) => x.events);
const cpu0 = process.cpuUsage();
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() !== 'report') continue;
  process.stdout.write(`${JSON.stringify({ events: streams.map((x, i) => x.events - before[i]), dropped: streams.filter((x) => x.closed).length, cpu: (() => {
    const u = process.cpuUsage(cpu0);
    return (u.user + u.system) / 1e6;
  })() })}\n`);
  for (const x of streams) x.close();
  process.exit(0);
}
