//! 汇总与核查: many organs' reports at once — each file read and checked; the year chosen
//! ([`year`]); each report matched to the roster of organs that must report ([`roster`]), so
//! who has not reported is listed; the year's reports summed ([`crate::aggregate`]); a
//! government's own 汇总 report compared with that sum (rule `aggregate.sum`); copies between
//! organs found ([`copies`]); the indicators assessors watch ([`indicators`]); the headline
//! figures set against the same organs' last year ([`compare`]); and what each organ must fix,
//! in the form's words ([`problems`]), to send back ([`export`], [`letter`]).
//!
//! Pure: the shells read the files (the page in slices, the CLI from disk) into [`File`]s and
//! call [`summarise_with`] again whenever the user changes the year, the roster or what is
//! included. Today's date comes from the shell too.

pub mod chart;
pub mod compare;
pub mod copies;
pub mod export;
mod file;
pub mod indicators;
pub mod problems;
pub mod roster;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub mod sample;
pub mod year;

use crate::aggregate::{self, Note};
use crate::form;
use crate::report::{Entry, Report, Scope, Sheet};
use crate::rules::{Finding, Rule};
pub use file::{accept, is_json, is_report_file, kind_of, report_files, text_parts, File, Loaded, State};
use indicators::Indicators;
use roster::Roster;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use year::YearReason;

/// What a file is to the sum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// Summed into the 汇总.
    Summed,
    /// The government's own 汇总 report of the year: compared with the sum, not added to it.
    Parent,
    /// Same organ and year as another file (its index), which is kept: left out until included.
    Duplicate(usize),
    /// Last year's report: used for the year-over-year comparison.
    LastYear,
    /// Another year: left out until included.
    OtherYear,
    /// Its organ is not on the roster: left out until included (or its suggestion accepted).
    OffRoster,
    /// More than a handful of figures not filled: left out until included knowingly.
    BlankHeavy,
    /// Not a report, or not readable: its reason is in the file.
    Unreadable,
}

impl Role {
    /// In words, for the organ table.
    pub fn label(&self, files: &[File]) -> String {
        match self {
            Role::Summed => "计入汇总".into(),
            Role::Parent => "上级汇总报告：与合计核对".into(),
            Role::Duplicate(of) => format!("与「{}」重复（同一机关同一年度），未计入", files[*of].name),
            Role::LastYear => "上年报告：用于年度对比".into(),
            Role::OtherYear => "其他年度，未计入".into(),
            Role::OffRoster => "不在应报单位名单中，未计入".into(),
            Role::BlankHeavy => "未填写的数字较多，未计入".into(),
            Role::Unreadable => "无法读取，未计入".into(),
        }
    }
    pub fn key(&self) -> &'static str {
        match self {
            Role::Summed => "summed",
            Role::Parent => "parent",
            Role::Duplicate(_) => "duplicate",
            Role::LastYear => "last-year",
            Role::OtherYear => "other-year",
            Role::OffRoster => "off-roster",
            Role::BlankHeavy => "blank-heavy",
            Role::Unreadable => "unreadable",
        }
    }
}

/// More figures than this not filled make a report blank-heavy: a handful is a slip to fix, more
/// is a report cut short or not finished, whose blanks would be summed as 0.
pub const BLANK_LIMIT: usize = 5;

/// Something to say about a row beyond its findings, in words ([`Flag::label`]).
#[derive(Clone, Debug, PartialEq)]
pub enum Flag {
    /// Its organ is not on the roster; the roster organ it may be (never taken without the user).
    OffRoster { suggestion: Option<String> },
    /// Not the year summed.
    WrongYear { year: i32, summed: i32 },
    /// Its file's name gives another year than its report (an old report sent again renamed).
    Renamed { named: i32, year: i32 },
    /// The same organ and year as the file kept (its index).
    Duplicate { of: usize },
    /// Its text is mostly another organ's (file index, share of this text found there).
    Copy { other: usize, share: f64 },
    /// Its tables are another organ's, cell for cell.
    SameTables { other: usize },
    /// Figures not filled.
    BlankHeavy { blanks: usize },
}

impl Flag {
    pub fn key(&self) -> &'static str {
        match self {
            Flag::OffRoster { .. } => "off-roster",
            Flag::WrongYear { .. } => "wrong-year",
            Flag::Renamed { .. } => "renamed",
            Flag::Duplicate { .. } => "duplicate",
            Flag::Copy { .. } => "copy",
            Flag::SameTables { .. } => "same-tables",
            Flag::BlankHeavy { .. } => "blank-heavy",
        }
    }

    /// In words, naming the other file's organ where there is one.
    pub fn label(&self, files: &[File]) -> String {
        let organ = |i: usize| {
            files[i].report().map(|r| r.organ.trim()).filter(|o| !o.is_empty()).unwrap_or(&files[i].name).to_string()
        };
        match self {
            Flag::OffRoster { suggestion: Some(s) } => format!("不在应报单位名单中（可能是名单中的「{s}」，请确认）"),
            Flag::OffRoster { suggestion: None } => "不在应报单位名单中".into(),
            Flag::WrongYear { year, summed } => format!("为 {year} 年度报告，不是汇总的 {summed} 年度"),
            Flag::Renamed { named, year } => {
                format!("文件名为 {named} 年，内容却是 {year} 年度报告（可能是旧报告改名）")
            }
            Flag::Duplicate { of } => format!("重复：与「{}」为同一机关同一年度", files[*of].name),
            Flag::Copy { other, share } => {
                format!("与{}报告正文重复 {}%", organ(*other), (share * 100.0).floor() as u32)
            }
            Flag::SameTables { other } => format!("表格数字与{}逐格相同", organ(*other)),
            Flag::BlankHeavy { blanks } => format!("{blanks} 个数字未填写"),
        }
    }
}

/// One line of the organ table: a file, what it is to the sum, its state.
#[derive(Clone, Debug)]
pub struct Row {
    /// Index into the files.
    pub file: usize,
    pub role: Role,
    pub state: State,
    /// Whether the user included it against its default role.
    pub included: bool,
    pub flags: Vec<Flag>,
    /// Findings about the file among the others (copies between organs), beside its own.
    pub findings: Vec<Finding>,
    /// Its rates, for a readable report.
    pub indicators: Option<Indicators>,
    /// The roster organ it reports for (index into the roster), when there is a roster.
    pub roster: Option<usize>,
}

/// What the user decided, and what the shell knows: passed to [`summarise_with`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The year to sum; `None`: chosen as [`year::choose`] says.
    pub year: Option<i32>,
    /// Today as (year, month), from the shell: the season's year when no year has a fair share.
    pub today: Option<(i32, u32)>,
    pub roster: Option<Roster>,
    /// Files the user included against their default role (a duplicate, another year, one not
    /// on the roster, a blank-heavy one, the parent).
    pub include: BTreeSet<usize>,
    /// Files not on the roster whose suggested roster organ the user accepted as theirs.
    pub accept: BTreeSet<usize>,
    pub copies: CopySearch,
}

/// Where the copies between organs come from.
#[derive(Clone, Debug, Default)]
pub enum CopySearch {
    /// Looked for now, at once (the CLI).
    #[default]
    Now,
    /// Found apart, a report at a time ([`copies::Finder`], the page): used when of the year
    /// summed; otherwise as [`CopySearch::Later`].
    Found(Arc<copies::Found>),
    /// Not looked for yet: the summary says they are pending.
    Later,
}

/// The roster against the year's reports.
#[derive(Clone, Debug, Default)]
pub struct RosterState {
    pub roster: Roster,
    /// Per roster organ, the file that reports for it this year (the kept one of duplicates).
    pub reports: Vec<Option<usize>>,
    /// Per roster organ without a report, a file of the year suggested for it (not accepted).
    pub suggestions: Vec<Option<usize>>,
}

impl RosterState {
    /// The roster organs without a report of the year: 未报.
    pub fn missing(&self) -> Vec<&str> {
        self.roster.organs.iter().zip(&self.reports).filter(|(_, r)| r.is_none()).map(|(o, _)| o.as_str()).collect()
    }
}

/// The counts shown at the top: 已报 / 未报 / 有错误 / 重复 / 名单外.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Roster organs with a report of the year (without a roster: the year's organs).
    pub reported: usize,
    pub missing: usize,
    /// Files with errors, or not readable.
    pub errors: usize,
    pub duplicates: usize,
    pub off_roster: usize,
}

/// Everything the view and the CLI show.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// The year being summed, and why ([`YearReason::describe`]).
    pub year: Option<i32>,
    pub year_reason: YearReason,
    /// Each year among the files with its number of reports, newest first (for choosing).
    pub years: Vec<(i32, usize)>,
    pub rows: Vec<Row>,
    /// The sum of the summed reports, as a 汇总 report (organ left for the user).
    pub total: Option<Report>,
    /// Figures and files left out of the sum, and why.
    pub notes: Vec<Note>,
    /// The government's own 汇总 report, compared with the sum.
    pub parent: Option<usize>,
    /// `aggregate.sum`: the parent's cells that differ from the sum.
    pub mismatches: Vec<Finding>,
    pub comparison: Option<compare::Comparison>,
    pub roster: Option<RosterState>,
    /// Copies between organs among the year's reports.
    pub copies: Vec<copies::Copy>,
    /// Whether the copies are still being looked for ([`CopySearch::Later`]).
    pub copies_pending: bool,
    /// The summed reports' rates together.
    pub indicators: Indicators,
}

impl Summary {
    pub fn counts(&self) -> Counts {
        let count = |f: &dyn Fn(&Row) -> bool| self.rows.iter().filter(|r| f(r)).count();
        let (reported, missing) = match &self.roster {
            Some(state) => {
                let reported = state.reports.iter().filter(|r| r.is_some()).count();
                (reported, state.roster.len() - reported)
            }
            None => (count(&|r| r.role == Role::Summed), 0),
        };
        Counts {
            reported,
            missing,
            errors: count(&|r| r.state != State::Passed),
            duplicates: count(&|r| matches!(r.role, Role::Duplicate(_))),
            off_roster: count(&|r| r.flags.iter().any(|f| matches!(f, Flag::OffRoster { .. }))),
        }
    }

    /// The 未报 names (none without a roster).
    pub fn missing(&self) -> Vec<&str> {
        self.roster.as_ref().map(RosterState::missing).unwrap_or_default()
    }
}

/// The year [`summarise_with`] sums, and why: for the page to look for copies before summing.
pub fn year_of(files: &[File], options: &Options) -> (Option<i32>, YearReason) {
    let reports: Vec<i32> = files.iter().filter_map(File::report).map(|r| r.year).collect();
    year::choose(&reports, options.year, options.today)
}

/// [`summarise_with`] with only what the user included: the year chosen from the files, no roster.
pub fn summarise(files: &[File], previous: &[File], include: &BTreeSet<usize>) -> Summary {
    summarise_with(files, previous, &Options { include: include.clone(), ..Options::default() })
}

/// The key an organ is told apart by: its folded name (roster::fold).
fn organ_key(r: &Report) -> String {
    roster::fold(&r.organ)
}

/// Sorts the files into roles and sums them. `previous` are last year's files given apart (the
/// CLI's `--previous`); last year's files among `files` count as well.
pub fn summarise_with(files: &[File], previous: &[File], options: &Options) -> Summary {
    let include = &options.include;
    let reports: Vec<i32> = files.iter().filter_map(File::report).map(|r| r.year).collect();
    let (year, year_reason) = year_of(files, options);
    let mut years: Vec<(i32, usize)> = Vec::new();
    for y in reports {
        match years.iter_mut().find(|(x, _)| *x == y) {
            Some((_, n)) => *n += 1,
            None => years.push((y, 1)),
        }
    }
    years.sort_by_key(|(y, _)| std::cmp::Reverse(*y));
    let Some(year) = year else {
        let rows = files.iter().enumerate().map(|(i, f)| unread_row(i, f)).collect();
        return Summary { year_reason, years, rows, ..Summary::default() };
    };
    let roster = options.roster.as_ref();
    let parent = parent_of(files, year, include, roster);

    // The roster organ each file of the year or the year before reports for: by its name, or
    // by the suggestion the user accepted.
    let mut on_roster: Vec<Option<usize>> = vec![None; files.len()];
    let mut suggested: Vec<Option<usize>> = vec![None; files.len()];
    if let Some(roster) = roster {
        for (i, f) in files.iter().enumerate() {
            // Every year's, so an older report of a roster organ is not called 名单外.
            let Some(r) = f.report() else { continue };
            on_roster[i] = roster.find(&r.organ);
        }
        // A file of a year is suggested one of the roster organs no file of that year matches.
        let free = |y: i32| -> Vec<usize> {
            let taken: BTreeSet<usize> = (0..files.len())
                .filter(|&i| files[i].report().is_some_and(|r| r.year == y))
                .filter_map(|i| on_roster[i])
                .collect();
            (0..roster.len()).filter(|k| !taken.contains(k)).collect()
        };
        let free = [free(year - 1), free(year)];
        let unmatched: Vec<usize> = (0..files.len())
            .filter(|&i| on_roster[i].is_none() && Some(i) != parent)
            .filter(|&i| files[i].report().is_some_and(|r| r.year >= year - 1 && r.year <= year))
            .collect();
        // Near matches are looked for while the pairs stay few (a roster of another county
        // would otherwise cost roster × files comparisons).
        if unmatched.len() * free[1].len() <= 200_000 {
            for &i in &unmatched {
                let r = files[i].report().expect("read");
                let free = &free[usize::from(r.year == year)];
                suggested[i] = roster::suggest(roster, &r.organ, free.iter().copied());
                if options.accept.contains(&i) {
                    on_roster[i] = suggested[i];
                }
            }
        }
    }
    let key = |i: usize| -> (String, i32, &'static str) {
        let r = files[i].report().expect("read");
        let organ = match (roster, on_roster[i]) {
            (Some(roster), Some(k)) => roster::fold(&roster.organs[k]),
            _ => organ_key(r),
        };
        (organ, r.year, r.scope.key())
    };
    // Of the files of one organ and year, the one kept: the most figures, then the fewest
    // errors, then the first; another copy of the parent is its duplicate.
    let mut kept: HashMap<(String, i32, &str), usize> = HashMap::new();
    for i in (0..files.len()).filter(|&i| files[i].report().is_some()) {
        let rank = |i: usize| {
            let l = files[i].read.as_ref().expect("read");
            (Some(i) == parent, l.figures, std::cmp::Reverse(l.errors()), std::cmp::Reverse(i))
        };
        kept.entry(key(i)).and_modify(|k| *k = if rank(i) > rank(*k) { i } else { *k }).or_insert(i);
    }
    let mut rows: Vec<Row> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let Some(r) = f.report() else { return unread_row(i, f) };
            let blanks = f.blanks();
            let mut flags = Vec::new();
            let first = kept[&key(i)];
            if first != i {
                flags.push(Flag::Duplicate { of: first });
            }
            let named = year_in_name(&f.name);
            if let Some(named) = named.filter(|&n| n != r.year) {
                flags.push(Flag::Renamed { named, year: r.year });
            }
            // Last year's report is expected beside this year's (for 年度对比); it is flagged
            // when its file's name says this year (a renamed old file), as other years always are.
            if r.year != year && (r.year != year - 1 || named == Some(year)) {
                flags.push(Flag::WrongYear { year: r.year, summed: year });
            }
            if roster.is_some() && on_roster[i].is_none() && Some(i) != parent {
                let suggestion = suggested[i].map(|k| roster.expect("a roster").organs[k].clone());
                flags.push(Flag::OffRoster { suggestion });
            }
            if blanks > BLANK_LIMIT && Some(i) != parent {
                flags.push(Flag::BlankHeavy { blanks });
            }
            let role = if Some(i) == parent {
                Role::Parent
            } else if first != i {
                Role::Duplicate(first)
            } else if r.year == year - 1 {
                Role::LastYear
            } else if r.year != year {
                Role::OtherYear
            } else if roster.is_some() && on_roster[i].is_none() {
                Role::OffRoster
            } else if blanks > BLANK_LIMIT {
                Role::BlankHeavy
            } else {
                Role::Summed
            };
            let included = include.contains(&i) && role != Role::Summed;
            let role = if included { Role::Summed } else { role };
            let indicators = f.read.as_ref().ok().map(|l| l.indicators);
            Row {
                file: i,
                role,
                state: f.state(),
                included,
                flags,
                findings: Vec::new(),
                indicators,
                roster: on_roster[i],
            }
        })
        .collect();

    let among: Vec<usize> = rows
        .iter()
        .filter(|r| r.role != Role::Parent && !matches!(r.role, Role::Duplicate(_)))
        .filter(|r| files[r.file].report().is_some_and(|rep| rep.year == year))
        .map(|r| r.file)
        .collect();
    let found = match &options.copies {
        CopySearch::Now => Some(copies::find(files, year).copies),
        CopySearch::Found(found) if found.year == year => Some(found.copies.clone()),
        _ => None,
    };
    let copies_pending = found.is_none();
    // Looked for among every report of the year: kept between the year's files alone.
    let among: BTreeSet<usize> = among.into_iter().collect();
    let copies: Vec<copies::Copy> =
        found.unwrap_or_default().into_iter().filter(|c| among.contains(&c.a) && among.contains(&c.b)).collect();
    for c in &copies {
        for (me, other) in [(c.a, c.b), (c.b, c.a)] {
            let flag = match c.kind {
                copies::Kind::Text { a_in_b, b_in_a } => {
                    Flag::Copy { other, share: if me == c.a { a_in_b } else { b_in_a } }
                }
                copies::Kind::Tables => Flag::SameTables { other },
            };
            rows[me].flags.push(flag);
            rows[me].findings.push(copies::finding(c, me, files));
        }
    }

    let roster_state = roster.map(|roster| {
        let mut reports = vec![None; roster.len()];
        for row in rows.iter().filter(|r| matches!(r.role, Role::Summed | Role::OffRoster | Role::BlankHeavy)) {
            let this_year = files[row.file].report().is_some_and(|r| r.year == year);
            if let (Some(k), true) = (row.roster, this_year) {
                reports[k] = Some(row.file);
            }
        }
        let mut suggestions = vec![None; roster.len()];
        for (i, s) in suggested.iter().enumerate() {
            let this_year = files[i].report().is_some_and(|r| r.year == year);
            if let (Some(k), true, None) = (s, this_year, on_roster[i]) {
                if reports[*k].is_none() {
                    suggestions[*k].get_or_insert(i);
                }
            }
        }
        RosterState { roster: roster.clone(), reports, suggestions }
    });

    // Borrowed, not copied (thousands of reports); one of another year the user included is
    // copied to be summed as this year's.
    let summed: Vec<(String, Cow<Report>)> = rows
        .iter()
        .filter(|r| r.role == Role::Summed)
        .map(|r| {
            let f = &files[r.file];
            let report = f.report().expect("summed files are read");
            let report =
                if report.year == year { Cow::Borrowed(report) } else { Cow::Owned(Report { year, ..report.clone() }) };
            (f.name.clone(), report)
        })
        .collect();
    let mut notes: Vec<Note> = rows
        .iter()
        .filter(|r| !matches!(r.role, Role::Summed | Role::Parent | Role::LastYear))
        .map(|r| Note { source: files[r.file].name.clone(), message: left_out(&files[r.file], &r.role, files) })
        .collect();
    let total = aggregate::aggregate("", &summed).ok().map(|(total, invalid)| {
        notes.extend(invalid);
        total
    });
    let mismatches = match (parent, &total) {
        (Some(p), Some(total)) => differences(files[p].report().expect("the parent is read"), total),
        _ => Vec::new(),
    };
    let summed_rows = || rows.iter().filter(|r| r.role == Role::Summed);
    let indicators = summed_rows().filter_map(|r| r.indicators).fold(Indicators::default(), Indicators::plus);
    // Last year's reports of this year's organs only: by roster organ or name.
    let organ_of = |i: Option<usize>, r: &Report| match (roster, i) {
        (Some(roster), Some(k)) => roster::fold(&roster.organs[k]),
        _ => organ_key(r),
    };
    let loaded = |i: usize| files[i].read.as_ref().ok();
    let by_name = |l: &Loaded| organ_of(roster.and_then(|roster| roster.find(&l.report.organ)), &l.report);
    let all_loaded = || files.iter().chain(previous).filter_map(|f| f.read.as_ref().ok());
    let last: Vec<(String, &Loaded)> = rows
        .iter()
        .filter(|r| r.role == Role::LastYear)
        .filter_map(|r| Some((organ_of(r.roster, &loaded(r.file)?.report), loaded(r.file)?)))
        .chain(
            previous
                .iter()
                .filter_map(|f| f.read.as_ref().ok())
                .filter(|l| l.report.year == year - 1)
                .map(|l| (by_name(l), l)),
        )
        .collect();
    let these: Vec<(String, &Loaded)> =
        summed_rows().filter_map(|r| Some((organ_of(r.roster, &loaded(r.file)?.report), loaded(r.file)?))).collect();
    let older: Vec<(String, &Loaded)> =
        all_loaded().filter(|l| l.report.year < year - 1).map(|l| (by_name(l), l)).collect();
    let comparison = compare::compare(year, &these, &last, &older);
    Summary {
        year: Some(year),
        year_reason,
        years,
        rows,
        total,
        notes,
        parent,
        mismatches,
        comparison,
        roster: roster_state,
        copies,
        copies_pending,
        indicators,
    }
}

/// The year a file's own name (not its folder's) gives: the first four digits standing alone that
/// read as a year (「…2024年…」, 「2024-…」).
fn year_in_name(name: &str) -> Option<i32> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let chars: Vec<char> = base.chars().collect();
    let alone = |j: Option<&char>| j.is_none_or(|c| !c.is_ascii_digit());
    (0..chars.len().saturating_sub(3)).find_map(|i| {
        let digits = &chars[i..i + 4];
        let year: String = digits.iter().collect();
        let ok = digits.iter().all(char::is_ascii_digit)
            && (i == 0 || alone(chars.get(i - 1)))
            && alone(chars.get(i + 4))
            && (year.starts_with("20") || year.starts_with("19"));
        ok.then(|| year.parse().ok()).flatten()
    })
}

fn unread_row(i: usize, f: &File) -> Row {
    Row {
        file: i,
        role: Role::Unreadable,
        state: f.state(),
        included: false,
        flags: Vec::new(),
        findings: Vec::new(),
        indicators: None,
        roster: None,
    }
}

/// Why a file is not in the sum, for the notes under the 汇总.
fn left_out(file: &File, role: &Role, files: &[File]) -> String {
    match (&file.read, role) {
        (Err(why), _) => format!("无法读取，未计入：{why}"),
        (Ok(l), Role::OtherYear) => format!("为 {} 年度报告，未计入", l.report.year),
        (Ok(_), Role::BlankHeavy) => format!("{} 个数字未填写，未计入（确认后可勾选计入汇总）", file.blanks()),
        (Ok(_), role) => role.label(files),
    }
}

/// The government's own 汇总 report of `year`, compared rather than summed: of the 汇总 reports
/// of the year (a city's files hold its counties' 汇总 reports too), the one with the most
/// applications, as the parent's count includes its children's. One the user included is summed.
/// With a roster, only a report on it or of the place its organs share (某县人民政府 beside
/// 某县教育局…) is the government's own: another government's report sent by mistake is off the
/// roster, not the parent.
fn parent_of(files: &[File], year: i32, include: &BTreeSet<usize>, roster: Option<&Roster>) -> Option<usize> {
    let new_received = form::cell_index("applications.new_received.total").expect("template cell");
    let place = roster.map(|r| {
        let names: Vec<Vec<char>> = r.organs.iter().map(|o| roster::fold(o).chars().collect()).collect();
        let first = names.first().cloned().unwrap_or_default();
        let shared = (0..first.len()).take_while(|&n| names.iter().all(|o| o.get(n) == first.get(n))).count();
        first[..shared].iter().collect::<String>()
    });
    let own = |r: &Report| match (roster, &place) {
        (Some(roster), Some(place)) => {
            roster.find(&r.organ).is_some() || place.chars().count() < 2 || roster::fold(&r.organ).starts_with(place)
        }
        _ => true,
    };
    files
        .iter()
        .enumerate()
        .filter(|(i, _)| !include.contains(i))
        .filter_map(|(i, f)| Some((i, f.report()?)))
        .filter(|(_, r)| r.scope == Scope::Aggregate && r.year == year && own(r))
        .max_by_key(|(i, r)| (r.value(new_received).and_then(|v| v.as_count()), std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// `aggregate.sum`: each typed cell where the 汇总 report differs from the sum, with both
/// numbers; the derived totals that differ because of it are named with it.
pub fn differences(parent: &Report, sum: &Report) -> Vec<Finding> {
    let (p, s) = (parent.sheet(), sum.sheet());
    let cells = form::cells();
    let differs = |i: usize, a: &Sheet, b: &Sheet| match (&a.entries[i], &b.entries[i]) {
        (Entry::Invalid(_), _) | (_, Entry::Invalid(_)) => false,
        _ if cells[i].derived => a.values[i].map(|v| v.as_decimal()) != b.values[i].map(|v| v.as_decimal()),
        (Entry::Missing, Entry::Missing) => false,
        (x, y) => x.value().map(|v| v.as_decimal()) != y.value().map(|v| v.as_decimal()),
    };
    let shown = |v: Option<crate::report::Value>| v.map_or_else(|| "未填写".to_string(), |v| v.to_string());
    let mut derived_of = vec![Vec::new(); cells.len()];
    for d in (0..cells.len()).filter(|&d| cells[d].derived) {
        for part in crate::report::derived_parts(d) {
            derived_of[part].push(d);
        }
    }
    cells
        .iter()
        .enumerate()
        .filter(|(i, def)| !def.derived && differs(*i, &p, &s))
        .map(|(i, def)| {
            let mut paths = vec![def.path.clone()];
            paths.extend(derived_of[i].iter().filter(|&&d| differs(d, &p, &s)).map(|&d| cells[d].path.clone()));
            let message = format!(
                "{}：汇总报告为 {}，各报告合计为 {}",
                def.describe(),
                shown(p.entries[i].value()),
                shown(s.entries[i].value())
            );
            Finding::new(Rule::AggregateSum, paths, message)
        })
        .collect()
}

// Native: they read the workbooks back with roxmltree.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
