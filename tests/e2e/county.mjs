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

// ---------------------------------------------------------------------------------------------
// A county's season as its 政务公开办 receives it (issue 17): 40 files for a roster of 20 organs,
// this year's (2024) and last year's (2023) mixed, with every trouble a real season brings. The
// figures are the fixture's (moved per organ, as above); each organ's text is its own share of the
// sentences of the two real published reports (泉港区 2023, 淮安市 2024), so no two organs' texts
// share a sentence — except the pair that copied, which is the one copy to find.

export const YEAR = 2024;
const REAL = ['quangang-2023', 'huaian-2024'].map((n) => JSON.parse(readFileSync(`${root}tests/fixtures/${n}.json`, 'utf8')));
/** The places of the real reports, replaced by the organ that "wrote" the sentence. */
const PLACES = /泉州市泉港区人民政府|泉港区人民政府办公室|泉港区人民政府|泉州市泉港区|泉港区|淮安市人民政府办公室|淮安市人民政府|淮安市|我市|全区|全市/g;
/** The real reports' sentences, each once, in order (headings and figure-only lines left out). */
const SENTENCES = REAL.flatMap((r) => Object.values(r.text).join('\n').split(/(?<=[。；！？])|\n/))
  .map((s) => s.trim()).filter((s) => [...s].length >= 24 && !/^[（(]?[一二三四五六七八九十]+[、）)]/.test(s) || [...s].length >= 60);

/** The roster (应报单位名单): the county's departments as its notice lists them. */
export const ROSTER = ['某县发展和改革局', '某县教育局', '某县公安局', '某县民政局', '某县司法局', '某县财政局',
  '某县人力资源和社会保障局', '某县自然资源局', '某县住房和城乡建设局', '某县交通运输局', '某县水利局', '某县农业农村局',
  '某县商务局', '某县文化广播电视和旅游局', '某县卫生健康局', '某县退役军人事务局', '某县应急管理局', '某县审计局',
  '某县市场监督管理局', '某县医疗保障局'];

/** Organ i's text for `year`: its share of the real sentences, under its own name and dates. */
export function organText(i, organ, year) {
  const own = SENTENCES.filter((_, j) => j % ROSTER.length === i).map((s) => s.replace(PLACES, organ).replace(/20\d\d(?= ?年)/g, String(year)));
  const half = Math.ceil(own.length / 2);
  return {
    preamble: `根据《中华人民共和国政府信息公开条例》规定，编制${organ}${year}年政府信息公开工作年度报告。本报告所列数据统计期限自${year}年1月1日起至${year}年12月31日止。`,
    overview: own.slice(0, half).join(''),
    problems: own.slice(half).join(''),
    other: '本年度未收取信息处理费。',
  };
}

/** Organ i's report for `year` (figures as `department`, its own text). */
export function organReport(i, year = YEAR, organ = ROSTER[i]) {
  return Object.assign(department(i + 1, year, organ), { text: organText(i, organ, year) });
}

/** The troubles, by organ (index into ROSTER), and what each file is. */
export const CASE = {
  missing: [2, 16], // 公安局, 应急管理局: nothing this year (last year's only)
  near: 1, // 教育局 reports as 某县教育体育局: a near match to confirm, never taken by itself
  truncated: 4, // 司法局: its file cut off in sending
  twice: 5, // 财政局: the same file sent twice
  renamed: 7, // 自然资源局: last year's report sent again under this year's name
  otherOrgan: 17, // 审计局: a file named for it holding another government's published PDF
  copier: 13, // 文化广播电视和旅游局 copied the text of…
  copied: 12, // …商务局
  blanks: 15, // 退役军人事务局: a report with most of table C not filled
  folding: 9, // 交通运输局 writes its name with a full-width space (matched after folding)
  older: 10, // 水利局 also sends its 2022 report (another year, listed apart)
};

const json = (name, report) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(report, null, 2)) });

/**
 * The 40 files, and what each is: `files` to choose, `cases` (file name → what it is), and the
 * sets the page must find (`missing` 未报, `copies` the copied pair, `compared` the organs of
 * 年度对比, each with this year's and last year's report).
 */
export function season() {
  const files = [];
  const cases = {};
  const now = new Map();
  const then = new Map();
  const add = (name, report, what) => {
    files.push(name.endsWith('.pdf') ? report : json(name, report));
    if (what) cases[name] = what;
  };
  for (let i = 0; i < ROSTER.length; i++) {
    const organ = ROSTER[i];
    const last = organReport(i, YEAR - 1);
    then.set(organ, last);
    if (i !== CASE.renamed) add(`${organ}${YEAR - 1}年政府信息公开工作年度报告.json`, last);
    if (CASE.missing.includes(i)) continue;
    const name = `${organ}${YEAR}年政府信息公开工作年度报告.json`;
    if (i === CASE.renamed) { add(name, last, 'renamed'); continue; }
    if (i === CASE.otherOrgan) {
      const pdf = readFileSync(`${root}tests/fixtures/pdf/洪泽区-2024.pdf`);
      add(name.replace(/json$/, 'pdf'), { name: name.replace(/json$/, 'pdf'), mimeType: 'application/pdf', buffer: pdf }, 'other-organ');
      continue;
    }
    let report = organReport(i);
    if (i === CASE.near) report.organ = '某县教育体育局';
    if (i === CASE.folding) report.organ = organ.replace('某县', '某县　');
    if (i === CASE.copier) {
      const source = organReport(CASE.copied);
      // All of its text but one sentence of its own, the other organ's name replaced by its own.
      report.text = JSON.parse(JSON.stringify(source.text).replaceAll(ROSTER[CASE.copied], organ));
      report.text.overview += organText(i, organ, YEAR).overview.split('。')[0] + '。';
    }
    if (i === CASE.blanks) {
      for (const row of Object.values(report.appeals)) for (const col of Object.keys(row)) delete row[col];
    }
    if (i === CASE.truncated) {
      const whole = JSON.stringify(report, null, 2);
      files.push({ name, mimeType: 'application/json', buffer: Buffer.from(whole.slice(0, Math.floor(whole.length * 0.6))) });
      cases[name] = 'truncated';
      continue;
    }
    add(name, report, i === CASE.copier || i === CASE.copied ? 'copy' : i === CASE.blanks ? 'blanks' : i === CASE.near ? 'near' : undefined);
    now.set(organ, report);
    if (i === CASE.twice) add(`${organ}${YEAR}年政府信息公开工作年度报告（1）.json`, report, 'twice');
    if (i === CASE.older) add(`${organ}${YEAR - 2}年报告.json`, organReport(i, YEAR - 2), 'other-year');
  }
  // The notice itself, saved into the folder with the reports: not a report.
  const notice = `关于报送${YEAR}年度政府信息公开工作年度报告的通知.txt`;
  files.push({ name: notice, mimeType: 'text/plain', buffer: Buffer.from(`各单位：\n请于${YEAR + 1}年1月15日前报送本单位${YEAR}年度政府信息公开工作年度报告。\n某县人民政府办公室`) });
  cases[notice] = 'not-a-report';
  // Summed, and so compared with last year: this year's reports on the roster by name, but the
  // near match (until confirmed) and the blank-heavy one (until included).
  const compared = ROSTER.filter((o, i) => now.has(o) && i !== CASE.near && i !== CASE.blanks);
  return {
    files,
    cases,
    missing: CASE.missing.map((i) => ROSTER[i]),
    // 未报 until the near match is confirmed: no file, or none of the year under the organ's name.
    unreported: ROSTER.filter((o, i) => !now.has(o) || i === CASE.near),
    copies: [ROSTER[CASE.copier], ROSTER[CASE.copied]],
    now,
    then,
    compared,
  };
}
