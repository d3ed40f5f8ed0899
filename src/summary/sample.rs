//! A generated county for the tests and the benchmark: its organs' files as a 公开办 receives
//! them — this year's and last year's mixed, organs missing, a report cut short, one sent twice,
//! one of last year renamed as this year's, another county's organ, one renamed since the
//! roster was made, two that copy each other's text with the years re-worded — made from real
//! reports (their figures varied per organ, so no two tables are alike, and their sentences
//! mixed with each organ's own words, so no two texts are alike but the copies).
//!
//! Native only: never linked into the page.

use crate::json;
use crate::report::Report;

/// The files and what the summary must find in them.
pub struct County {
    pub year: i32,
    /// (file name, bytes), in no particular order.
    pub files: Vec<(String, Vec<u8>)>,
    pub roster: Vec<String>,
    /// Roster organs with no report of the year (one of them renamed, one only last year's).
    pub missing: Vec<String>,
    pub truncated: String,
    pub twice: [String; 2],
    /// The file whose organ is renamed (某县教育体育局) and the roster organ suggested for it.
    pub renamed_organ: (String, String),
    /// Last year's report under a name saying this year.
    pub renamed_file: String,
    /// Another county's organ.
    pub stranger: String,
    pub copies: [String; 2],
    /// Last year's files (the renamed one among them).
    pub last_year: Vec<String>,
}

/// Organ names a county has; beyond them 某县第N局.
const NAMES: &[&str] = &[
    "某县财政局",
    "某县教育局",
    "某县公安局",
    "某县民政局",
    "某县司法局",
    "某县人力资源和社会保障局",
    "某县自然资源局",
    "某县生态环境局",
    "某县住房和城乡建设局",
    "某县交通运输局",
    "某县水利局",
    "某县农业农村局",
    "某县商务局",
    "某县文化广电和旅游局",
    "某县卫生健康委员会",
    "某县应急管理局",
    "某县审计局",
    "某县市场监督管理局",
    "某县统计局",
    "某县医疗保障局",
];

fn organ(n: usize) -> String {
    NAMES.get(n).map_or_else(|| format!("某县第{}局", n + 1), |s| s.to_string())
}

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The sentences of the bases' texts, and words (runs between punctuation) to make more of.
struct Pool {
    sentences: Vec<String>,
    words: Vec<String>,
}

impl Pool {
    fn new(bases: &[Report]) -> Pool {
        let texts = || bases.iter().flat_map(|b| [&b.text.overview, &b.text.problems, &b.text.other]);
        let sentences: Vec<String> = texts()
            .flat_map(|t| t.split(['。', '\n']))
            .map(str::trim)
            .filter(|s| s.chars().count() > 15 && !s.contains("信息处理费"))
            .map(str::to_string)
            .collect();
        let words: Vec<String> = texts()
            .flat_map(|t| t.split(|c: char| !c.is_alphabetic() || c.is_ascii()))
            .filter(|w| (2..=8).contains(&w.chars().count()))
            .map(str::to_string)
            .collect();
        assert!(sentences.len() > 20 && words.len() > 100, "the bases carry text");
        Pool { sentences, words }
    }

    /// An organ's own sentence: words of the bases in a new order.
    fn own_sentence(&self, rng: &mut Rng) -> String {
        let n = 4 + rng.below(5);
        let words: Vec<&str> = (0..n).map(|_| self.words[rng.below(self.words.len())].as_str()).collect();
        words.join("，")
    }

    /// A part's text: some sentences of the bases, more of its own.
    fn text(&self, rng: &mut Rng, sentences: usize) -> String {
        (0..sentences)
            .map(|_| {
                if rng.below(3) == 0 {
                    self.sentences[rng.below(self.sentences.len())].clone()
                } else {
                    self.own_sentence(rng)
                }
            })
            .map(|s| s + "。")
            .collect()
    }
}

/// Organ `n`'s report of `year`: the base's figures with `n` added where the balance allows (new
/// and granted applications, table A's issued documents), its own text.
fn report(base: &Report, pool: &Pool, n: usize, year: i32, seed: u64) -> Report {
    let mut r = base.clone();
    r.year = year;
    r.organ = organ(n);
    r.scope = crate::report::Scope::Own;
    r.previous = None;
    r.document = Default::default();
    for (path, add) in [
        ("applications.new_received.natural_person", n + 1),
        ("applications.granted.natural_person", n + 1),
        ("proactive.regulations.issued", n % 7),
        ("proactive.licensing", n * 3 + year as usize % 5),
    ] {
        let now = r.raw(path).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
        r.set(path, &(now + add).to_string());
    }
    let mut rng = Rng(seed ^ (n as u64) << 20 ^ year as u64);
    r.text.preamble = format!(
        "根据《中华人民共和国政府信息公开条例》规定，{o}编制本报告。本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        o = r.organ
    );
    r.text.overview = format!("{year}年，{}{}", r.organ, pool.text(&mut rng, 14));
    r.text.problems = pool.text(&mut rng, 5);
    r.text.other = format!("{year}年未收取信息处理费。{}", pool.text(&mut rng, 2));
    r
}

/// `text` as another organ would copy it: its own name, the years written in words.
fn copied(text: &str, from: &str, to: &str) -> String {
    let words = |y: i32| {
        y.to_string()
            .chars()
            .map(|c| "〇一二三四五六七八九".chars().nth(c as usize - '0' as usize).unwrap())
            .collect::<String>()
    };
    let mut t = text.replace(from, to);
    for y in 2015..2030 {
        t = t.replace(&format!("{y}年"), &format!("{}年", words(y)));
    }
    t
}

fn json_file(name: String, r: &Report) -> (String, Vec<u8>) {
    (name, json::to_string(r).into_bytes())
}

/// A county of `organs` organs (at least 12) reporting for `year`, from real `bases`.
pub fn county(bases: &[Report], organs: usize, year: i32, seed: u64) -> County {
    assert!(organs >= 12 && !bases.is_empty());
    let pool = Pool::new(bases);
    let base = |n: usize| &bases[n % bases.len()];
    let roster: Vec<String> = (0..organs).map(organ).collect();
    let (truncated_n, twice_n, renamed_n, copy_a, copy_b, old_n) = (3, 2, 1, 4, 5, 6);
    let mut files = Vec::new();
    let mut missing = vec![roster[renamed_n].clone(), roster[old_n].clone()];
    let mut c = County {
        year,
        files: Vec::new(),
        roster: roster.clone(),
        missing: Vec::new(),
        truncated: String::new(),
        twice: Default::default(),
        renamed_organ: (String::new(), roster[renamed_n].clone()),
        renamed_file: format!("{}{year}年政府信息公开工作年度报告.json", roster[old_n]),
        stranger: String::new(),
        copies: Default::default(),
        last_year: Vec::new(),
    };
    let mut copy_source = None;
    for n in 0..organs {
        if n + 2 >= organs {
            missing.push(roster[n].clone());
            continue;
        }
        let name = format!("{:04}-{}.json", n, roster[n]);
        let mut r = report(base(n), &pool, n, year, seed);
        match n {
            _ if n == old_n => continue,
            _ if n == truncated_n => {
                let html = crate::export::print::html(&r);
                let cut = html.char_indices().nth(html.chars().count() * 6 / 10).map_or(html.len(), |(i, _)| i);
                c.truncated = format!("{:04}-{}.html", n, roster[n]);
                files.push((c.truncated.clone(), html.as_bytes()[..cut].to_vec()));
                continue;
            }
            _ if n == twice_n => {
                c.twice = [name.clone(), format!("{:04}-{}（重报）.json", n, roster[n])];
                files.push(json_file(c.twice[1].clone(), &r));
            }
            _ if n == renamed_n => {
                r.organ = "某县教育体育局".into();
                c.renamed_organ.0 = r.organ.clone();
            }
            _ if n == copy_a => {
                copy_source = Some(r.clone());
                c.copies[0] = name.clone();
            }
            _ if n == copy_b => {
                let from = copy_source.clone().expect("the source comes first");
                for (to, from) in [
                    (&mut r.text.overview, &from.text.overview),
                    (&mut r.text.problems, &from.text.problems),
                    (&mut r.text.other, &from.text.other),
                ] {
                    *to = copied(from, &roster[copy_a], &roster[n]);
                }
                c.copies[1] = name.clone();
            }
            _ => {}
        }
        files.push(json_file(name, &r));
    }
    // Last year's reports of the first half (another base, so their figures differ), one of
    // them under a name saying this year.
    for n in (0..organs / 2).filter(|&n| n != old_n) {
        let name = format!("{:04}-{}-{}.json", n, roster[n], year - 1);
        c.last_year.push(name.clone());
        files.push(json_file(name, &report(base(n + 1), &pool, n, year - 1, seed)));
    }
    c.last_year.push(c.renamed_file.clone());
    files.push(json_file(c.renamed_file.clone(), &report(base(old_n), &pool, old_n, year - 1, seed)));
    // Another county's organ, this year and last.
    let mut stranger = report(base(0), &pool, organs + 7, year, seed);
    stranger.organ = "邻县财政局".into();
    c.stranger = "邻县财政局.json".into();
    files.push(json_file(c.stranger.clone(), &stranger));
    stranger.year = year - 1;
    files.push(json_file("邻县财政局-上年.json".into(), &stranger));
    // Mixed, as a folder lists them.
    let mut rng = Rng(seed);
    for i in (1..files.len()).rev() {
        files.swap(i, rng.below(i + 1));
    }
    c.files = files;
    c.missing = missing;
    c
}
