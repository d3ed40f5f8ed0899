// A county's department reports made from the fixture, for the 汇总与核查 tests and bench:
// each differs from the others (and balances) so sums mean something.
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;
export const FIXTURE = JSON.parse(readFileSync(`${root}tests/fixtures/quangang-2023.json`, 'utf8'));

/** Department i's report for `year`: the fixture's figures, moved so each differs but balances. */
export function department(i, year = 2023, organ = `某县第${i}局`) {
  const r = JSON.parse(JSON.stringify(FIXTURE));
  Object.assign(r, { organ, scope: 'own', year });
  const k = (i * 7) % 23 + (year - 2022) * i;
  r.applications.new_received.natural_person += k;
  r.applications.granted.natural_person += k;
  r.applications.new_received.commercial = i % 3;
  r.applications.denied_third_party.commercial = i % 3;
  r.proactive.licensing = 100 + i;
  r.proactive.fees_wan_yuan = `${i}.${String(i % 100).padStart(2, '0')}1`;
  r.appeals.review.corrected = i % 2;
  return r;
}

/** A report as a file to choose (playwright's setInputFiles). */
export const file = (name, report) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(report)) });
