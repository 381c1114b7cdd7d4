// Sums vitest's JSON reports into one closing line, and says honestly what was counted:
// - per report (pglite, postgres, e2e…): passed, failed, skipped — and every skipped test by name, whose name says why
//   (a skip without a reason in its name is listed as such, so it cannot pass unnoticed);
// - the suite runs twice (on PGlite and on PostgreSQL), so the closing line also counts DISTINCT tests: a test is
//   counted once however many runs ran it.
// Exit 1 when anything failed or nothing passed.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const distinct = new Map(); // "file > full name" → passed in some run?
const unexplained = [];
const reason = /skipped|\bonly\b/i; // "(on PostgreSQL only: …)", "— skipped: no non-loopback address"

for (const file of process.argv.slice(2)) {
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const run = file.split('/').pop().replace(/\.json$/, '');
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  const skips = [];
  for (const suite of r.testResults ?? []) {
    const where = relative(process.cwd(), suite.name);
    for (const a of suite.assertionResults ?? []) {
      const name = `${where} > ${[...(a.ancestorTitles ?? []), a.title].join(' > ')}`;
      if (a.status === 'passed') distinct.set(name, true);
      else if (!distinct.has(name)) distinct.set(name, false);
      if (a.status === 'pending' || a.status === 'skipped' || a.status === 'todo') {
        skips.push(name);
        if (!reason.test(name)) unexplained.push(`${run}: ${name}`);
      }
    }
  }
  skipped += skips.length;
  console.log(`${run}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skips.length} skipped`);
  // One line per skipped describe/test; many tests under one skipped describe share its reason: group them.
  const grouped = new Map();
  for (const s of skips) {
    const [where, ...rest] = s.split(' > ');
    const key = `${where} > ${rest[0] ?? ''}`;
    grouped.set(key, (grouped.get(key) ?? 0) + 1);
  }
  for (const [key, n] of grouped) console.log(`  skipped ${n === 1 ? '' : `${n}× `}${key}`);
  // Where the time goes: the slowest files of this run (CI must stay well inside its budget).
  const slow = (r.testResults ?? [])
    .map((s) => ({ file: relative(process.cwd(), s.name), s: ((s.endTime ?? 0) - (s.startTime ?? 0)) / 1000 }))
    .sort((a, b) => b.s - a.s)
    .slice(0, 8);
  console.log(`  slowest: ${slow.map((x) => `${x.file} ${x.s.toFixed(0)} s`).join(', ')}`);
}
const ranSomewhere = [...distinct.values()].filter(Boolean).length;
console.log(
  `ci: ${passed} passed, ${failed} failed, ${skipped} skipped (runs summed: the suite runs on PGlite and on PostgreSQL); ` +
    `${distinct.size} distinct tests, ${ranSomewhere} of them passed in at least one run`,
);
if (unexplained.length) {
  console.log(`ci: ${unexplained.length} skipped test(s) whose name gives no reason:`);
  for (const u of unexplained) console.log(`  ${u}`);
}
process.exit(failed > 0 || passed === 0 || unexplained.length > 0 ? 1 : 0);
