//! Copies between organs looked for a report at a time ([`copies::Finder`]), as the page does.

use super::super::sample::county;
use super::super::*;
use super::county::{bases, read};
use crate::json;

fn pair_of(files: &[File], found: &copies::Found) -> Vec<String> {
    let mut names: Vec<String> = found.copies.iter().flat_map(|c| [c.a, c.b]).map(|i| files[i].name.clone()).collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn a_finder_stepped_finds_what_find_finds_and_says_how_far_it_is() {
    let c = county(&bases(), 40, 2024, 3);
    let files = read(&c);
    let mut finder = copies::Finder::new(&files, 2024);
    let (mut steps, mut last) = (0, 0);
    while finder.step(&files) {
        steps += 1;
        assert_eq!(finder.done(), last + 1, "a step is one report's work");
        last = finder.done();
    }
    assert_eq!(steps + 1, finder.len(), "counted once and signed once, each report");
    let stepped = finder.finish(&files);
    assert_eq!(stepped, copies::find(&files, 2024));
    let mut expected = c.copies.to_vec();
    expected.sort();
    assert_eq!(pair_of(&files, &stepped), expected);
}

#[test]
fn kept_copies_are_used_for_their_year_only() {
    let c = county(&bases(), 40, 2024, 3);
    let files = read(&c);
    let found = Arc::new(copies::find(&files, 2024));
    let kept = Options { copies: CopySearch::Found(found.clone()), ..Options::default() };
    let now = summarise_with(&files, &[], &Options::default());
    let s = summarise_with(&files, &[], &kept);
    assert_eq!((s.copies.clone(), s.copies_pending), (now.copies.clone(), false));
    assert!(!s.copies.is_empty());
    // Summing last year, this year's copies say nothing: they are looked for again.
    let last = Options { year: Some(2023), copies: CopySearch::Found(found), ..Options::default() };
    let s = summarise_with(&files, &[], &last);
    assert!(s.copies.is_empty() && s.copies_pending);
    let later = summarise_with(&files, &[], &Options { copies: CopySearch::Later, ..Options::default() });
    assert!(later.copies.is_empty() && later.copies_pending);
}

/// The 公开办's model paragraph in a fair share of the organs' texts is no copy; the same
/// text sent twice by one organ counts once toward that share.
#[test]
fn model_wording_a_fair_share_of_organs_carry_is_no_copy() {
    // Not of the reports the county is made from, whose sentences its organs share by design.
    let model = "本机关坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开的决策部署。\
        围绕优化营商环境、保障改善民生等重点领域，持续加大政府信息主动公开力度。\
        严格落实公开属性源头认定机制，规范依申请公开办理流程，确保答复内容合法合规。\
        加强政府网站和政务新媒体管理，及时更新政策文件和解读材料，方便群众查阅。\
        完善政务公开工作考核评价机制，将政务公开纳入年度绩效考核内容，压实工作责任。";
    let c = county(&bases(), 40, 2024, 5);
    let mut files = read(&c);
    let organ = |f: &File| roster::fold(&f.report().unwrap().organ);
    let year: Vec<usize> = (0..files.len()).filter(|&i| files[i].report().is_some_and(|r| r.year == 2024)).collect();
    let organs: BTreeSet<String> = year.iter().map(|&i| organ(&files[i])).collect();
    // As many organs as make the share, the one that sent its report twice among them.
    let share = (organs.len() / 10).max(copies::COMMON_MIN);
    let twice = organ(files.iter().find(|f| f.name == c.twice[0]).unwrap());
    let others = year.iter().map(|&i| organ(&files[i])).filter(|o| *o != twice);
    let others = others.filter(|o| !c.copies.iter().any(|n| files.iter().any(|f| f.name == *n && organ(f) == *o)));
    let mut carriers: Vec<String> = vec![twice.clone()];
    carriers.extend(others.collect::<BTreeSet<_>>().into_iter().take(share - 1));
    // The model and little else of their own: without it as model wording they would be copies.
    let rewrite = |files: &mut Vec<File>, carriers: &[String], with: bool| {
        for &i in &year {
            if !carriers.contains(&organ(&files[i])) {
                continue;
            }
            let mut r = files[i].report().unwrap().clone();
            let own: String = r.organ.chars().rev().collect();
            r.text.overview = if with { format!("{model}\n{own}") } else { own };
            (r.text.preamble, r.text.problems, r.text.other) = Default::default();
            let name = files[i].name.clone();
            files[i] = File::json(&name, json::to_string(&r).as_bytes());
        }
    };
    rewrite(&mut files, &carriers, true);
    let mut expected = c.copies.to_vec();
    expected.sort();
    assert_eq!(pair_of(&files, &copies::find(&files, 2024)), expected, "only the county's copied pair");

    // One organ fewer carrying it (the one sending twice still counted once): no model wording,
    // and the rest are copies of one another.
    rewrite(&mut files, &carriers[share - 1..], false);
    let found = copies::find(&files, 2024);
    let copied: Vec<String> = pair_of(&files, &found).into_iter().filter(|n| !c.copies.contains(n)).collect();
    let mut expected: Vec<String> = files
        .iter()
        .filter(|f| f.report().is_some_and(|r| r.year == 2024) && carriers[..share - 1].contains(&organ(f)))
        .map(|f| f.name.clone())
        .collect();
    expected.sort();
    assert_eq!(copied.len(), share, "{} organs, one of them twice", share - 1);
    assert_eq!(copied, expected);
}
