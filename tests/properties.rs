//! Property tests: the JSON contract round-trips any report; balance holds on reports built to
//! balance and breaks when one figure moves.

use nianbao::form::{self, Kind};
use nianbao::json;
use nianbao::report::{Report, Scope};
use nianbao::rules::{check, Level};
use proptest::prelude::*;

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn json_round_trip_is_identity(r in report(), with_previous in any::<bool>()) {
        let r = canonical(r);
        let r = if with_previous { Report { previous: Some(Box::new(r.clone())), ..r } } else { r };
        let text = json::to_string(&r);
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
        let errors = |r: &Report| check(r, None).into_iter().filter(|f| f.level == Level::Error).count();
        prop_assert_eq!(errors(&r), 0);

        // Moving any one typed figure of table B breaks its column and the 总计 column.
        let typed: Vec<_> = rows.iter().filter(|r| !r.total).collect();
        let path = format!("applications.{}.{}", typed[bump.0].key, cols[bump.1].key);
        let n: u64 = r.raw(&path).unwrap().parse().unwrap();
        r.set(&path, &(n + 1).to_string());
        prop_assert_eq!(errors(&r), 2);
    }
}
