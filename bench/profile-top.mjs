// Summarise a .cpuprofile: self time by function and file, top 30. Usage: node bench/profile-top.mjs file.cpuprofile
import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const self = new Map();
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
let total = 0;
for (const n of p.nodes) {
  const t = (dt.get(n.id) ?? 0) / 1000;
  total += t;
  const cf = n.callFrame;
  const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/main\//, '')}:${cf.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + t);
}
const byFile = new Map();
for (const [k, v] of self) {
  const f = k.split(' ').slice(1).join(' ').replace(/:\d+$/, '').split('/').slice(0, 2).join('/');
  byFile.set(f, (byFile.get(f) ?? 0) + v);
}
console.log(`total ${Math.round(total)} ms`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${Math.round(v).toString().padStart(7)} ms  ${k}`);
console.log('--- by package/folder');
for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${Math.round(v).toString().padStart(7)} ms  ${k}`);
