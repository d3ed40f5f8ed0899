//! A generated county ([`super::super::sample`]): each case the 公开办 meets named in its row.

use super::super::sample::{county, County};
use super::super::*;
use crate::json;

pub fn bases() -> Vec<Report> {
    ["quangang-2023", "huaian-2024"]
        .map(|name| {
            let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
            json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        })
        .to_vec()
}

pub fn read(c: &County) -> Vec<File> {
    c.files.iter().map(|(name, bytes)| File::read(name, bytes, || crate::import::any(name, bytes))).collect()
}

fn by_name<'a>(files: &[File], s: &'a Summary, name: &str) -> &'a Row {
    s.rows.iter().find(|r| files[r.file].name == name).unwrap_or_else(|| panic!("no row {name}"))
}

fn flags(files: &[File], row: &Row) -> Vec<String> {
    row.flags.iter().map(|f| f.label(files)).collect()
}

#[test]
fn a_county_of_forty_is_summed_for_the_right_year_with_each_case_named() {
    let c = county(&bases(), 40, 2024, 1);
    let files = read(&c);
    let options = Options { roster: Some(Roster::new(&c.roster)), today: Some((2025, 2)), ..Options::default() };
    let s = summarise_with(&files, &[], &options);
    assert_eq!(s.year, Some(2024), "{:?}", s.year_reason);
    assert!(matches!(s.year_reason, YearReason::Newest { .. }));

    let mut missing: Vec<&str> = s.missing();
    missing.sort();
    let mut expected: Vec<&str> = c.missing.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(missing, expected);

    let truncated = by_name(&files, &s, &c.truncated);
    assert_eq!(truncated.role, Role::BlankHeavy, "{:?}", flags(&files, truncated));
    assert!(truncated.flags.iter().any(|f| matches!(f, Flag::BlankHeavy { .. })));

    let twice: Vec<&Row> = c.twice.iter().map(|n| by_name(&files, &s, n)).collect();
    assert_eq!(twice.iter().filter(|r| r.role == Role::Summed).count(), 1);
    assert!(twice.iter().any(|r| matches!(r.role, Role::Duplicate(_))));

    let renamed = s.rows.iter().find(|r| files[r.file].report().is_some_and(|x| x.organ == c.renamed_organ.0)).unwrap();
    assert_eq!(renamed.role, Role::OffRoster);
    assert_eq!(renamed.flags, [Flag::OffRoster { suggestion: Some(c.renamed_organ.1.clone()) }]);
    let k = s.roster.as_ref().unwrap().roster.find(&c.renamed_organ.1).unwrap();
    assert_eq!(s.roster.as_ref().unwrap().suggestions[k], Some(renamed.file), "suggested, not taken");

    let old = by_name(&files, &s, &c.renamed_file);
    assert_eq!(old.role, Role::LastYear);
    assert!(flags(&files, old).contains(&"为 2023 年度报告，不是汇总的 2024 年度".to_string()));

    let plain_last = c.last_year.iter().find(|n| **n != c.renamed_file).unwrap();
    assert_eq!(by_name(&files, &s, plain_last).flags, [], "last year's report beside this year's is expected");

    let stranger = by_name(&files, &s, &c.stranger);
    assert_eq!(stranger.role, Role::OffRoster);
    assert_eq!(stranger.flags, [Flag::OffRoster { suggestion: None }], "邻县财政局 is not 某县财政局");

    // Only the copied pair, both ways, naming each other.
    let copied: Vec<&str> = s
        .rows
        .iter()
        .filter(|r| r.flags.iter().any(|f| matches!(f, Flag::Copy { .. } | Flag::SameTables { .. })))
        .map(|r| files[r.file].name.as_str())
        .collect();
    let mut pair = c.copies.iter().map(String::as_str).collect::<Vec<_>>();
    pair.sort();
    let mut copied_sorted = copied.clone();
    copied_sorted.sort();
    assert_eq!(copied_sorted, pair, "{:?}", s.copies);
    let a = by_name(&files, &s, &c.copies[0]);
    let b_organ = files[by_name(&files, &s, &c.copies[1]).file].report().unwrap().organ.clone();
    let message = &a.findings[0].message;
    assert!(message.starts_with(&format!("与{b_organ}报告正文重复 ")), "{message}");
    assert_eq!(a.findings[0].rule, Rule::TextSimilarToOtherOrgan);

    // 年度对比 from the same organs' last year only: not the stranger's, not an organ not summed.
    let cmp = s.comparison.as_ref().expect("last year's files are there");
    let summed: BTreeSet<&str> = s
        .rows
        .iter()
        .filter(|r| r.role == Role::Summed)
        .map(|r| files[r.file].report().unwrap().organ.as_str())
        .collect();
    let last: Vec<&Report> = c
        .last_year
        .iter()
        .map(|n| files[by_name(&files, &s, n).file].report().unwrap())
        .filter(|r| summed.contains(r.organ.as_str()))
        .collect();
    let then: u64 = last.iter().map(|r| r.sheet().count("applications.new_received.total").unwrap()).sum();
    assert_eq!(cmp.total.then.unwrap()[0], Some(then));
    assert_eq!(cmp.lacking.len(), summed.len() - last.len(), "{:?}", cmp.lacking);
    assert!(!cmp.lacking.contains(&"某县财政局".to_string()));

    let counts = s.counts();
    assert_eq!((counts.missing, counts.duplicates, counts.off_roster), (c.missing.len(), 1, 3), "{counts:?}");
}

#[test]
fn this_years_and_last_years_files_half_and_half_sum_this_year() {
    let c = county(&bases(), 12, 2024, 3);
    let files = read(&c);
    let s = summarise_with(&files, &[], &Options::default());
    assert_eq!(s.year, Some(2024));
    // Chosen by the user: last year is summed, the year before it is last year.
    let s = summarise_with(&files, &[], &Options { year: Some(2023), ..Options::default() });
    assert_eq!((s.year, s.year_reason.clone()), (Some(2023), YearReason::Chosen));
    assert!(s.rows.iter().filter(|r| r.role == Role::Summed).all(|r| files[r.file].report().unwrap().year == 2023));
}

#[test]
fn an_accepted_suggestion_reports_for_its_roster_organ() {
    let c = county(&bases(), 12, 2024, 5);
    let files = read(&c);
    let renamed = files.iter().position(|f| f.report().is_some_and(|r| r.organ == c.renamed_organ.0)).unwrap();
    let options =
        Options { roster: Some(Roster::new(&c.roster)), accept: BTreeSet::from([renamed]), ..Options::default() };
    let s = summarise_with(&files, &[], &options);
    assert_eq!(s.rows[renamed].role, Role::Summed);
    assert!(!s.missing().contains(&c.renamed_organ.1.as_str()));
}

/// Every text of a workbook's sheets, or a document's, must hold no rule id and no cell key.
fn assert_in_words(what: &str, texts: &[String]) {
    let keys: Vec<String> = crate::rules::Rule::ALL
        .iter()
        .map(|r| r.id().to_string())
        .chain(crate::form::cells().iter().map(|c| c.path.clone()))
        .chain(["text.overview", "text.preamble", "text.problems", "text.other"].map(String::from))
        .collect();
    for t in texts {
        for k in &keys {
            assert!(!t.contains(k.as_str()), "{what}: 「{t}」 holds {k}");
        }
    }
}

fn sheets(book: &[u8]) -> usize {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    zip.file_names().filter(|n| n.starts_with("xl/worksheets/sheet")).count()
}

#[test]
fn the_problem_lists_go_back_in_the_forms_words() {
    let c = county(&bases(), 40, 2024, 1);
    let files = read(&c);
    let options = Options { roster: Some(Roster::new(&c.roster)), ..Options::default() };
    let s = summarise_with(&files, &[], &options);
    let book = export::issues(&files, &s);
    let n = sheets(&book);
    let sent = export::to_send(&files, &s);
    assert_eq!(n, 1 + sent.len());
    let first = super::sheet_rows(&book, 1);
    assert!(first[1][0].contains("2024 年度"), "{:?}", first[1]);
    for organ in &c.missing {
        assert!(first.iter().any(|r| r[0] == *organ && r[1] == "未报"), "{organ} listed as 未报");
    }
    let mut all: Vec<String> = Vec::new();
    for i in 1..=n {
        all.extend(super::sheet_rows(&book, i).into_iter().flatten());
    }
    assert_in_words("问题清单", &all);
    // The truncated report's sheet names its blank rows as the form prints them.
    assert!(all.iter().any(|t| t.contains("个数字未填写") && t.contains("表C「")), "blank rows in words");
    assert!(all.iter().any(|t| t.starts_with("与") && t.contains("报告正文重复")));
    let organ_book = export::organ_table(&files, &s);
    let organ_texts: Vec<String> = (1..=2).flat_map(|i| super::sheet_rows(&organ_book, i)).flatten().collect();
    assert_in_words("各机关", &organ_texts);

    // One organ's letter: its title, each problem with where it is.
    let row = s.rows.iter().position(|r| files[r.file].name == c.copies[0]).unwrap();
    let docx = export::letter(&files, &s, row);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let paragraphs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| p.descendants().filter(|t| t.is_text()).map(|t| t.text().unwrap()).collect())
        .collect();
    let organ = files[s.rows[row].file].report().unwrap().organ.clone();
    assert_eq!(paragraphs[0], format!("关于{organ}2024年度政府信息公开工作年度报告问题的清单"));
    assert!(
        paragraphs.iter().any(|p| p.contains("【警告】正文各部分：与") && p.contains("报告正文重复")),
        "{paragraphs:?}"
    );
    assert_in_words("清单", &paragraphs);
}
