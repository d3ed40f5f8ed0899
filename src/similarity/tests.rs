use super::*;
use crate::report::Report;

fn fixture(name: &str) -> Report {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    crate::json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn parts(r: &Report) -> [&str; 4] {
    [&r.text.preamble, &r.text.overview, &r.text.problems, &r.text.other].map(String::as_str)
}

/// `r`'s text as another organ would send it: its own name for `r`'s, the years moved on.
fn copied_as(r: &Report, organ: &str, years: i32) -> Report {
    let mut copy = r.clone();
    let short = r.organ.trim_end_matches("人民政府");
    for text in [&mut copy.text.preamble, &mut copy.text.overview, &mut copy.text.problems, &mut copy.text.other] {
        let mut t = text.replace(&r.organ, organ).replace(short, organ);
        for y in (2015..2030).rev() {
            t = t.replace(&y.to_string(), &(y + years).to_string());
        }
        *text = t;
    }
    copy.organ = organ.into();
    copy
}

#[test]
fn fold_leaves_out_what_a_copier_changes() {
    assert_eq!(fold("２０２３年，　本机关（ＡＢ）共 12 件。"), "#年本机关ab共#件".chars().collect::<Vec<_>>());
    assert_eq!(fold("二〇二三年度"), "#年度".chars().collect::<Vec<_>>());
    assert_eq!(fold("一二三"), "一二三".chars().collect::<Vec<_>>(), "not a year");
}

#[test]
fn stock_sentences_and_headings_are_no_copy() {
    for s in [
        "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止",
        "本年度未收取信息处理费",
        "一、总体情况",
        "（一）主动公开情况",
        "如对本报告有任何疑问，请联系某县人民政府办公室",
    ] {
        assert!(is_stock(&fold(s)), "{s}");
    }
    assert!(!is_stock(&fold("全年共组织政务公开专题培训三次，覆盖全县各部门工作人员")));
    let stock =
        "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。本年度未收取信息处理费。\n一、总体情况\n";
    let (a, b) = (folded([stock], "某县第1局"), folded([stock], "某县第2局"));
    assert!(a.is_empty(), "{a:?}");
    assert_eq!(a.shingles().share_in(&b.shingles()), 0.0);
    assert_eq!(signature(&a.shingles()), None, "near-empty: no signature, never a candidate");
}

#[test]
fn a_real_report_copied_under_another_name_with_its_years_moved_is_the_same_text() {
    for name in ["quangang-2023", "huaian-2024"] {
        let r = fixture(name);
        let copy = copied_as(&r, "某县第2局", 1);
        let share = share(parts(&copy), &copy.organ, parts(&r), &r.organ);
        assert!(share > 0.97, "{name}: {share}");
    }
}

#[test]
fn two_real_reports_of_different_governments_share_little() {
    let (a, b) = (fixture("quangang-2023"), fixture("huaian-2024"));
    let share = share(parts(&a), &a.organ, parts(&b), &b.organ);
    assert!(share < 0.1, "{share}");
}

#[test]
fn the_organs_own_names_are_left_out() {
    let a = folded(["某县教育局持续深化政务公开，某县教育局官网开设专栏"], "某县教育局");
    let b = folded(["某县卫生健康局持续深化政务公开，卫生健康局官网开设专栏"], "某县卫生健康局");
    assert_eq!(a.sentences[0].chars, b.sentences[0].chars);
}

/// Texts of their own words (CJK characters drawn at random) with a few sentences drawn from
/// both real reports: different texts that share some of the prose every report has.
fn mixes(n: usize, seed: u64) -> Vec<String> {
    let (a, b) = (fixture("quangang-2023"), fixture("huaian-2024"));
    let pool: Vec<String> = parts(&a)
        .iter()
        .chain(parts(&b).iter())
        .flat_map(|t| raw_sentences(t))
        .filter(|s| s.chars().count() > 12)
        .map(str::to_string)
        .collect();
    let mut state = seed;
    let mut next = move || {
        state = mix(state.wrapping_add(0x9e3779b97f4a7c15));
        state
    };
    (0..n)
        .map(|_| {
            let mut text = String::new();
            for k in 0..12 {
                if k % 4 == 0 {
                    text.push_str(&pool[(next() % pool.len() as u64) as usize]);
                } else {
                    let len = 15 + next() % 20;
                    text.extend((0..len).map(|_| char::from_u32(0x4e00 + (next() % 3000) as u32).unwrap()));
                }
                text.push('。');
            }
            text
        })
        .collect()
}

#[test]
fn min_hash_bands_find_the_copied_pair_and_verify_it_exactly() {
    let mut texts = mixes(200, 7);
    texts[151] = texts[40].clone();
    let shingles: Vec<Shingles> = texts.iter().map(|t| folded([t.as_str()], "").shingles()).collect();
    let signatures: Vec<Option<Signature>> = shingles.iter().map(signature).collect();
    let pairs = similar_pairs(&signatures, 0.8, |_, _| false, |i| shingles[i].clone());
    let found: Vec<(usize, usize)> = pairs.iter().map(|p| (p.a, p.b)).collect();
    assert!(found.contains(&(40, 151)), "{found:?}");
    let exact = pairs.iter().find(|p| (p.a, p.b) == (40, 151)).unwrap();
    assert_eq!((exact.a_in_b, exact.b_in_a), (1.0, 1.0));
    // Every pair reported is at least 80 % one way, counted exactly.
    for p in &pairs {
        let share = shingles[p.a].share_in(&shingles[p.b]).max(shingles[p.b].share_in(&shingles[p.a]));
        assert!(share >= 0.8, "{p:?}");
    }
    let without = similar_pairs(&signatures, 0.8, |a, b| (a, b) == (40, 151), |i| shingles[i].clone());
    assert!(without.iter().all(|p| (p.a, p.b) != (40, 151)));
}

#[test]
fn candidates_are_few_among_different_texts() {
    let texts = mixes(300, 11);
    let shingles: Vec<Shingles> = texts.iter().map(|t| folded([t.as_str()], "").shingles()).collect();
    let signatures: Vec<Option<Signature>> = shingles.iter().map(signature).collect();
    let n = candidates(&signatures, |_, _| false).len();
    assert!(n < 300 * 299 / 2 / 20, "{n} candidate pairs of {}", 300 * 299 / 2);
}

/// A model text every organ took, or one organ's report sent many times: each is found with a
/// few others, never all pairs.
#[test]
fn a_crowded_bucket_pairs_each_text_with_a_few() {
    let mut texts = mixes(40, 5);
    for t in texts.iter_mut().skip(10) {
        t.clone_from(&mixes(1, 99)[0]);
    }
    let shingles: Vec<Shingles> = texts.iter().map(|t| folded([t.as_str()], "").shingles()).collect();
    let signatures: Vec<Option<Signature>> = shingles.iter().map(signature).collect();
    let pairs = candidates(&signatures, |_, _| false);
    for i in 10..40 {
        assert!(pairs.iter().any(|&(a, b)| (a == i || b == i) && a >= 10 && b >= 10), "{i} paired with another copy");
    }
    assert!(pairs.len() <= 30 * BUCKET_PAIRS, "{} pairs, not all {} of them", pairs.len(), 30 * 29 / 2);
    // All one organ's: none.
    let pairs = candidates(&signatures, |a, b| a >= 10 && b >= 10);
    assert!(pairs.iter().all(|&(a, b)| a < 10 || b < 10), "{pairs:?}");
}
