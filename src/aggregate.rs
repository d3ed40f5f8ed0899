//! The 汇总 report: a government's figures summed over its departments' and lower governments'
//! reports (county by 2月20日, prefecture by 3月10日, province by 3月31日).

use crate::form::{self, Kind};
use crate::report::{Entry, Report, Scope, Value};
use rust_decimal::Decimal;
use std::borrow::Borrow;

/// Something the sum had to pass over, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The report it concerns, as named by the caller (usually its file name).
    pub source: String,
    pub message: String,
}

/// Sums `reports` (name, report) into one aggregate report for `organ`. Every typed figure is
/// the sum of the valid figures; an invalid figure is left out of the sum and noted; a figure
/// no report filled stays unfilled. Errors when the reports are of different years.
pub fn aggregate<R: Borrow<Report>>(organ: &str, reports: &[(String, R)]) -> Result<(Report, Vec<Note>), String> {
    let Some(first) = reports.first().map(|(_, r)| r.borrow()) else {
        return Err("没有可汇总的报告".into());
    };
    if let Some((name, r)) = reports.iter().map(|(n, r)| (n, r.borrow())).find(|(_, r)| r.year != first.year) {
        return Err(format!("{name} 是 {} 年度的报告，其他报告是 {} 年度，不能汇总", r.year, first.year));
    }
    let mut total = Report::new(first.year);
    total.organ = organ.to_string();
    total.scope = Scope::Aggregate;
    let mut notes = Vec::new();
    // Typed cells only, each read where it is summed: no sheet (its derived totals) per report,
    // which was most of the time for 3,000 reports.
    for (i, def) in form::cells().iter().enumerate() {
        if def.derived {
            continue;
        }
        let (mut count, mut fee, mut filled) = (0u64, Decimal::ZERO, false);
        for (name, report) in reports {
            match &report.borrow().entry(i) {
                Entry::Valid(Value::Count(n)) => count += n,
                Entry::Valid(Value::Fee(d)) => fee += d,
                Entry::Missing => continue,
                Entry::Invalid(e) => {
                    let raw = report.borrow().cells[i].as_deref().unwrap_or_default();
                    let message = format!("{}：“{raw}”{}，未计入汇总", def.describe(), e.message());
                    notes.push(Note { source: name.clone(), message });
                    continue;
                }
            }
            filled = true;
        }
        if filled {
            total.cells[i] = Some(match def.kind {
                Kind::Count => count.to_string(),
                Kind::Fee => fee.normalize().to_string(),
            });
        }
    }
    Ok((total, notes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(year: i32, figures: &[(&str, &str)]) -> Report {
        let mut r = Report::new(year);
        for (path, raw) in figures {
            assert!(r.set(path, raw), "{path}");
        }
        r
    }

    #[test]
    fn sums_every_figure_and_keeps_fee_decimals_exact() {
        let a = report(2024, &[("applications.new_received.natural_person", "3"), ("proactive.fees_wan_yuan", "0.1")]);
        let b = report(2024, &[("applications.new_received.natural_person", "4"), ("proactive.fees_wan_yuan", "0.2")]);
        let c = report(2024, &[("proactive.fees_wan_yuan", "435.18246")]);
        let (sum, notes) = aggregate("某县人民政府", &[("a".into(), a), ("b".into(), b), ("c".into(), c)]).unwrap();
        assert!(notes.is_empty());
        assert_eq!((sum.scope, sum.organ.as_str(), sum.year), (Scope::Aggregate, "某县人民政府", 2024));
        assert_eq!(sum.raw("applications.new_received.natural_person"), Some("7"));
        assert_eq!(sum.raw("proactive.fees_wan_yuan"), Some("435.48246"), "0.1 + 0.2 + 435.18246 exactly");
        assert_eq!(sum.raw("applications.new_received.commercial"), None, "filled by nobody: still unfilled");
    }

    #[test]
    fn invalid_figures_are_noted_and_left_out() {
        let a = report(2024, &[("proactive.licensing", "12")]);
        let b = report(2024, &[("proactive.licensing", "1两")]);
        let (sum, notes) = aggregate("某县", &[("a.json".into(), a), ("b.json".into(), b)]).unwrap();
        assert_eq!(sum.raw("proactive.licensing"), Some("12"));
        assert_eq!(
            notes,
            [Note {
                source: "b.json".into(), message: "表A「行政许可」：“1两”应为整数，未计入汇总".into()
            }]
        );
    }

    #[test]
    fn years_must_agree() {
        let e = aggregate("某县", &[("a".into(), Report::new(2023)), ("b".into(), Report::new(2024))]).unwrap_err();
        assert!(e.contains("b 是 2024 年度"), "{e}");
        assert!(aggregate::<Report>("某县", &[]).is_err());
    }
}
