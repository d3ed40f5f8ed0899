//! Property tests: the JSON contract round-trips any report, and its fast reader reads any file
//! as the tree's reader does; balance holds on reports built to balance and breaks when one
//! figure moves.

use nianbao::form::{self, Kind};
use nianbao::json;
use nianbao::report::{Report, Scope};
use nianbao::rules::{check, Level};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};

/// Text as users type it: figures, blanks, typos, and any Unicode.
fn raw_cell(kind: Kind) -> impl Strategy<Value = Option<String>> {
    let valid = match kind {
        Kind::Count => (0u64..=1_000_000_000_000).prop_map(|n| n.to_string()).boxed(),
        Kind::Fee => (0u64..10_000_000_000, 0u32..=6)
            .prop_map(|(n, scale)| rust_decimal::Decimal::new(n as i64, scale).to_string())
            .boxed(),
    };
    prop_oneof![
        3 => valid.prop_map(Some),
        1 => Just(None),
        1 => "[0-9a-z.\\-]{1,6}|\\PC{1,8}".prop_filter("not blank", |s| !s.trim().is_empty()).prop_map(Some),
    ]
}

fn report() -> impl Strategy<Value = Report> {
    let cells: Vec<_> =
        form::cells().iter().map(|d| if d.derived { Just(None).boxed() } else { raw_cell(d.kind).boxed() }).collect();
    let document = proptest::collection::vec("|\\PC{1,12}", 9);
    (2000i32..2100, "\\PC{0,12}", any::<bool>(), proptest::collection::vec("\\PC{0,40}", 4), document, cells).prop_map(
        |(year, organ, aggregate, texts, document, cells)| {
            let mut r = Report::new(year);
            r.organ = organ;
            r.scope = if aggregate { Scope::Aggregate } else { Scope::Own };
            r.text.preamble = texts[0].clone();
            r.text.overview = texts[1].clone();
            r.text.problems = texts[2].clone();
            r.text.other = texts[3].clone();
            for ((_, field), value) in r.document.fields_mut().into_iter().zip(document) {
                *field = value;
            }
            r.cells = cells;
            r
        },
    )
}

/// The typed form of a value after the round trip: counts are written as numbers, so "007"
/// comes back as "7"; all else comes back as typed.
fn canonical(mut r: Report) -> Report {
    for (i, def) in form::cells().iter().enumerate() {
        if let (Some(raw), Kind::Count) = (&r.cells[i], def.kind) {
            if let Ok(n) = nianbao::report::parse_count(raw) {
                r.cells[i] = Some(n.to_string());
            }
        }
        if let (Some(raw), Kind::Fee) = (&r.cells[i], def.kind) {
            if let Ok(d) = nianbao::report::parse_fee(raw) {
                r.cells[i] = Some(d.to_string());
            }
        }
        if r.cells[i].as_deref().is_some_and(|s| s.trim().is_empty()) {
            r.cells[i] = None;
        }
    }
    r
}

/// A value where the reader expects another, or under a key it does not know.
fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e20f64..1e20).prop_map(Value::from),
        "[ 0-9a.]{0,5}|\\PC{0,6}".prop_map(Value::from),
        Just(json!({})),
        Just(json!({ "a": {}, "b": null })),
        Just(json!([1, "x"])),
        Just(json!({ "natural_person": 2, "x": 1 })),
        Just(json!({ "schema": "nianbao.report", "schema_version": 1, "year": 2022 })),
    ]
}

/// A key of the contract at some level, or one it does not know.
fn any_key() -> impl Strategy<Value = String> {
    const KNOWN: &[&str] = &[
        "schema",
        "schema_version",
        "template",
        "year",
        "organ",
        "scope",
        "text",
        "overview",
        "document",
        "issuer",
        "previous",
        "applications",
        "new_received",
        "natural_person",
        "total",
        "proactive",
        "licensing",
    ];
    prop_oneof![2 => proptest::sample::select(KNOWN).prop_map(String::from), 1 => "[a-z_]{1,6}"]
}

/// An object of the file: the root (0), the root or one of its objects (1), or any (2).
type Place = (u8, Index);

/// Changes to a report's JSON, as a damaged, hand-edited or newer file has them.
#[derive(Clone, Debug)]
enum Change {
    /// A key put into an object at a place.
    Insert(Place, Index, String, Value),
    /// A key's value replaced.
    Replace(Place, Index, Value),
    Remove(Place, Index),
    /// An object's keys in another order.
    Reverse(Place),
    /// One of an object's keys given again, at a place.
    Twice(Place, Index, Index, Value),
    /// `"key": value,` put into the text after a `{` (a number out of range, a lone surrogate,
    /// or not JSON at all).
    Text(Index, String),
    /// The file cut short.
    Cut(Index),
}

fn change() -> impl Strategy<Value = Change> {
    let raw = prop_oneof![
        any_value().prop_map(|v| v.to_string()),
        proptest::sample::select(&["1e400", "\"\\ud800\"", "-0", "1.0", "00", "[", "{}}"][..]).prop_map(String::from),
    ];
    let place = || (0u8..3, any::<Index>());
    prop_oneof![
        3 => (place(), any::<Index>(), any_key(), any_value()).prop_map(|(o, at, k, v)| Change::Insert(o, at, k, v)),
        3 => (place(), any::<Index>(), any_value()).prop_map(|(o, k, v)| Change::Replace(o, k, v)),
        3 => (place(), any::<Index>()).prop_map(|(o, k)| Change::Remove(o, k)),
        2 => place().prop_map(Change::Reverse),
        3 => (place(), any::<Index>(), any::<Index>(), any_value()).prop_map(|(o, k, at, v)| Change::Twice(o, k, at, v)),
        2 => (any::<Index>(), any_key(), raw).prop_map(|(at, k, v)| Change::Text(at, format!("{k:?}:{v},"))),
        1 => any::<Index>().prop_map(Change::Cut),
    ]
}

/// Every object in `v`, by its path of keys.
fn objects(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if let Value::Object(m) = v {
        out.push(path.clone());
        for (k, child) in m {
            path.push(k.clone());
            objects(child, path, out);
            path.pop();
        }
    }
}

fn object_at<'a>(mut v: &'a mut Value, path: &[String]) -> &'a mut Map<String, Value> {
    for k in path {
        v = &mut v[k.as_str()];
    }
    v.as_object_mut().expect("a path to an object")
}

/// Marks a key given twice in [`changed`] (a map holds each key once): taken out of the text.
const TWICE: &str = "\u{0}twice:";

/// The file `v` with `changes` made to it: to its values first, then to its text.
fn changed(mut v: Value, changes: &[Change]) -> String {
    for change in changes {
        let mut all = Vec::new();
        objects(&v, &mut Vec::new(), &mut all);
        let ((depth, o), key) = match change {
            Change::Insert(o, ..) | Change::Reverse(o) => (o, None),
            Change::Replace(o, k, _) | Change::Remove(o, k) | Change::Twice(o, k, ..) => (o, Some(k)),
            Change::Text(..) | Change::Cut(_) => continue,
        };
        let near: Vec<Vec<String>> = all.iter().filter(|p| p.len() <= *depth as usize).cloned().collect();
        let path: &Vec<String> = o.get(if *depth < 2 { &near } else { &all });
        let map = object_at(&mut v, path);
        let Some(key) = key.map(|k| map.keys().nth(k.index(map.len().max(1))).cloned()) else {
            match change {
                // A key there already is moved (as the last place is then the length less one).
                Change::Insert(_, at, k, value) => {
                    let places = map.len() + usize::from(!map.contains_key(k));
                    map.shift_insert(at.index(places), k.clone(), value.clone());
                }
                _ => *map = std::mem::take(map).into_iter().rev().collect(),
            }
            continue;
        };
        let Some(key) = key else { continue };
        match change {
            Change::Replace(.., value) => map[&key] = value.clone(),
            Change::Twice(_, _, at, value) => {
                // Given twice already, the copy is moved (as for `Insert`).
                let twice = format!("{TWICE}{key}");
                let places = map.len() + usize::from(!map.contains_key(&twice));
                map.shift_insert(at.index(places), twice, value.clone());
            }
            _ => {
                map.shift_remove(&key);
            }
        }
    }
    // `"\u0000twice:key"` is `"key"`.
    let marker = serde_json::to_string(TWICE).unwrap();
    let mut s = v.to_string().replace(marker.trim_end_matches('"'), "\"");
    for change in changes {
        match change {
            Change::Text(at, snippet) => {
                let braces: Vec<usize> = s.match_indices('{').map(|(i, _)| i + 1).collect();
                if !braces.is_empty() {
                    s.insert_str(*at.get(&braces), snippet);
                }
            }
            Change::Cut(at) => {
                let ends: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
                if !ends.is_empty() {
                    s.truncate(*at.get(&ends));
                }
            }
            _ => {}
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// A figure is unfilled exactly when its text trims to nothing.
    #[test]
    fn unfilled_is_blank_text(raw in "[ \t\n\u{b}\u{c}\r\u{1}\u{85}\u{a0}\u{3000}!~0-9a\u{7f}]{0,4}|\\PC{0,4}") {
        prop_assert_eq!(nianbao::report::unfilled(&raw), raw.trim().is_empty());
    }

    /// `json::from_str_fast` reads straight into the report where it can: any file, whole or
    /// changed, comes out exactly as `json::from_str` reads it through the tree of values — the same report with its unknown keys
    /// in the same order (compared as printed: maps compare equal in any order), or the same
    /// message.
    #[test]
    fn the_fast_reader_reads_as_the_tree_does(
        r in report(),
        with_previous in any::<bool>(),
        changes in proptest::collection::vec(change(), 0..6),
    ) {
        let r = canonical(r);
        let r = if with_previous { Report { previous: Some(Box::new(r.clone())), ..r } } else { r };
        let text = changed(json::to_value(&r), &changes);
        prop_assert_eq!(format!("{:?}", json::from_str_fast(&text)), format!("{:?}", json::from_str(&text)), "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn json_round_trip_is_identity(r in report(), with_previous in any::<bool>()) {
        let r = canonical(r);
        let r = if with_previous { Report { previous: Some(Box::new(r.clone())), ..r } } else { r };
        let text = json::to_string(&r);
        prop_assert!(json::direct::read(&text).is_some(), "the fast reader reads what the writer wrote");
        let back = json::from_str(&text).unwrap();
        prop_assert_eq!(&back, &r);
        prop_assert_eq!(json::to_string(&back), text);
    }

    #[test]
    fn balanced_reports_have_no_balance_error(
        results in proptest::collection::vec(proptest::collection::vec(0u64..5000, 6), 22),
        carried_over in proptest::collection::vec(0u64..500, 6),
        forward_share in proptest::collection::vec(0u64..=100, 6),
        bump in (0usize..24, 0usize..6),
    ) {
        let rows = form::TABLES[1].sections[0].rows;
        let cols = form::TABLES[1].sections[0].columns;
        let mut r = Report::new(2024);
        let result_rows: Vec<_> = rows.iter().filter(|r| r.groups.first() == Some(&"三、本年度办理结果") && !r.total).collect();
        for (col, c) in cols.iter().filter(|c| !c.total).enumerate() {
            let done: u64 = result_rows.iter().enumerate().map(|(i, _)| results[i][col]).sum();
            let forward = (done + carried_over[col]) * forward_share[col] / 100;
            // 一 + 二 = 三 + 四, with 一 whatever makes it hold.
            let new = done + forward - carried_over[col].min(done + forward);
            let carried = done + forward - new;
            for (i, row) in result_rows.iter().enumerate() {
                r.set(&format!("applications.{}.{}", row.key, c.key), &results[i][col].to_string());
            }
            r.set(&format!("applications.new_received.{}", c.key), &new.to_string());
            r.set(&format!("applications.carried_over.{}", c.key), &carried.to_string());
            r.set(&format!("applications.carried_forward.{}", c.key), &forward.to_string());
        }
        let errors = |r: &Report| check(r, None).into_iter().filter(|f| f.level() == Level::Error).count();
        prop_assert_eq!(errors(&r), 0);

        // Moving any one typed figure of table B breaks its column and the 总计 column.
        let typed: Vec<_> = rows.iter().filter(|r| !r.total).collect();
        let path = format!("applications.{}.{}", typed[bump.0].key, cols[bump.1].key);
        let n: u64 = r.raw(&path).unwrap().parse().unwrap();
        r.set(&path, &(n + 1).to_string());
        prop_assert_eq!(errors(&r), 2);
    }
}
