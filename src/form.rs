//! The 2021 national template (国办公开办函〔2021〕30号) as data.
//!
//! This is the one place a label lives. The editor, the rules, the importers, the exporters and
//! the CLI all walk [`TEMPLATE`]; a row added here appears everywhere without further edits.
//! Header spans are not written down: they follow from the `groups` of consecutive rows and
//! columns (equal group prefixes merge), so the printed grid is derived, never duplicated.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The template id stored in every report (`"template": "2021"`).
pub const TEMPLATE_ID: &str = "2021";

/// The report's title, after the organ and year (泉州市泉港区人民政府2023年政府信息公开工作年度报告).
pub const TITLE: &str = "政府信息公开工作年度报告";

/// What a figure holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A whole number of items, decisions or cases.
    Count,
    /// An amount in 万元, an exact decimal kept as entered.
    Fee,
}

/// One part of the report, in template order.
#[derive(Debug)]
pub struct Part {
    pub heading: &'static str,
    pub body: Body,
}

#[derive(Debug)]
pub enum Body {
    /// A free-text part; the key is its field in `text` of the JSON contract.
    Text(TextPart),
    /// One of the three tables, by index into [`TABLES`].
    Table(usize),
}

/// A text field of the report.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub struct TextPart {
    pub key: &'static str,
    /// What the template asks for, shown as guidance in the editor.
    pub hint: &'static str,
}

/// A row (or, in table C, a block of columns) of a table.
#[derive(Debug)]
pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    /// Labels of the enclosing row groups, outermost first (e.g. 三、本年度办理结果 › （三）不予公开).
    pub groups: &'static [&'static str],
    /// The row as rule messages name it (一、本年新收, 办理结果总计); empty: the label is used.
    pub short: &'static str,
    /// A derived row: the sum of the other rows in its outermost group.
    pub total: bool,
    /// Other names published reports print for the row (the 2019 format's, still in use), for
    /// the importer.
    pub also: &'static [&'static str],
}

#[derive(Debug)]
pub struct Column {
    /// Empty for a section with a single figure per row (`proactive.licensing`).
    pub key: &'static str,
    pub label: &'static str,
    /// Labels of the enclosing column groups, outermost first (申请人情况 › 法人或其他组织).
    pub groups: &'static [&'static str],
    /// A derived column: the sum of the other columns of its row.
    pub total: bool,
}

/// A block of a table with its own columns: table A has four, tables B and C one each.
#[derive(Debug)]
pub struct Section {
    /// The 条例 item heading the block (第二十条第（一）项), if any.
    pub heading: &'static str,
    /// The label over the row labels (信息内容), if any.
    pub row_head: &'static str,
    pub kind: Kind,
    pub columns: &'static [Column],
    pub rows: &'static [Row],
}

/// How a table is drawn.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub enum Layout {
    /// Blocks one under another, each with its heading, header line and rows (table A).
    Sections,
    /// Rows down under grouped column headers, grouped row labels at the side (table B).
    Grid,
    /// Each row becomes a block of columns side by side, one line of figures (table C).
    Across,
}

#[derive(Debug)]
pub struct Table {
    /// First segment of every cell path in this table (`applications`).
    pub key: &'static str,
    /// The letter used in the UI and messages (表A/表B/表C follow the part numbers 二/三/四).
    pub name: &'static str,
    /// The corner note (table B's 勾稽关系), empty if none.
    pub corner: &'static str,
    pub layout: Layout,
    pub sections: &'static [Section],
    /// Rows whose sums must balance per column, if any: `lhs` rows add up to `rhs` rows.
    pub balance: Option<Balance>,
}

#[derive(Debug)]
pub struct Balance {
    pub lhs: &'static [&'static str],
    pub rhs: &'static [&'static str],
}

const fn row(key: &'static str, label: &'static str, groups: &'static [&'static str]) -> Row {
    Row { key, label, groups, short: "", total: false, also: &[] }
}

const fn col(key: &'static str, label: &'static str, groups: &'static [&'static str]) -> Column {
    Column { key, label, groups, total: false }
}

const TOTAL_COLUMN: Column = Column { key: "total", label: "总计", groups: &[], total: true };

const RESULT: &str = "三、本年度办理结果";
const DENIED: &[&str] = &[RESULT, "（三）不予公开"];
const UNABLE: &[&str] = &[RESULT, "（四）无法提供"];
const REJECTED: &[&str] = &[RESULT, "（五）不予处理"];
const OTHER: &[&str] = &[RESULT, "（六）其他处理"];
const APPLICANT: &[&str] = &["申请人情况"];
const ORG: &[&str] = &["申请人情况", "法人或其他组织"];
const LITIGATION: &[&str] = &["行政诉讼"];

/// A single figure per row, headed by the column label.
const fn single(label: &'static str) -> [Column; 1] {
    [col("", label, &[])]
}

const DECISIONS: [Column; 1] = single("本年处理决定数量");
const FEES: [Column; 1] = single("本年收费金额（单位：万元）");

const APPEAL_COLUMNS: &[Column] = &[
    col("upheld", "结果维持", &[]),
    col("corrected", "结果纠正", &[]),
    col("other", "其他结果", &[]),
    col("pending", "尚未审结", &[]),
    TOTAL_COLUMN,
];

/// The three tables, in template order.
pub static TABLES: [Table; 3] = [
    Table {
        key: "proactive",
        name: "表A",
        corner: "",
        layout: Layout::Sections,
        balance: None,
        sections: &[
            Section {
                heading: "第二十条第（一）项",
                row_head: "信息内容",
                kind: Kind::Count,
                columns: &[
                    col("issued", "本年制发件数", &[]),
                    col("repealed", "本年废止件数", &[]),
                    col("in_force", "现行有效件数", &[]),
                ],
                rows: &[
                    row("regulations", "规章", &[]),
                    Row { also: &["规范性文件"], ..row("normative_documents", "行政规范性文件", &[]) },
                ],
            },
            Section {
                heading: "第二十条第（五）项",
                row_head: "信息内容",
                kind: Kind::Count,
                columns: &DECISIONS,
                rows: &[row("licensing", "行政许可", &[])],
            },
            Section {
                heading: "第二十条第（六）项",
                row_head: "信息内容",
                kind: Kind::Count,
                columns: &DECISIONS,
                rows: &[row("penalty", "行政处罚", &[]), row("coercion", "行政强制", &[])],
            },
            Section {
                heading: "第二十条第（八）项",
                row_head: "信息内容",
                kind: Kind::Fee,
                columns: &FEES,
                rows: &[row("fees_wan_yuan", "行政事业性收费", &[])],
            },
        ],
    },
    Table {
        key: "applications",
        name: "表B",
        corner: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        layout: Layout::Grid,
        balance: Some(Balance { lhs: &["new_received", "carried_over"], rhs: &["total", "carried_forward"] }),
        sections: &[Section {
            heading: "",
            row_head: "",
            kind: Kind::Count,
            columns: &[
                col("natural_person", "自然人", APPLICANT),
                col("commercial", "商业企业", ORG),
                col("research", "科研机构", ORG),
                col("public_interest", "社会公益组织", ORG),
                col("legal_services", "法律服务机构", ORG),
                col("other_org", "其他", ORG),
                TOTAL_COLUMN,
            ],
            rows: &[
                Row {
                    short: "一、本年新收", ..row("new_received", "一、本年新收政府信息公开申请数量", &[])
                },
                Row {
                    short: "二、上年结转", ..row("carried_over", "二、上年结转政府信息公开申请数量", &[])
                },
                row("granted", "（一）予以公开", &[RESULT]),
                row("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", &[RESULT]),
                row("denied_state_secret", "1.属于国家秘密", DENIED),
                row("denied_prohibited_by_law", "2.其他法律行政法规禁止公开", DENIED),
                row("denied_security_stability", "3.危及“三安全一稳定”", DENIED),
                row("denied_third_party", "4.保护第三方合法权益", DENIED),
                row("denied_internal_affairs", "5.属于三类内部事务信息", DENIED),
                row("denied_process_info", "6.属于四类过程性信息", DENIED),
                row("denied_enforcement_files", "7.属于行政执法案卷", DENIED),
                row("denied_query_matter", "8.属于行政查询事项", DENIED),
                row("unable_not_held", "1.本机关不掌握相关政府信息", UNABLE),
                row("unable_needs_creation", "2.没有现成信息需要另行制作", UNABLE),
                row("unable_unclear", "3.补正后申请内容仍不明确", UNABLE),
                row("rejected_petition", "1.信访举报投诉类申请", REJECTED),
                row("rejected_duplicate", "2.重复申请", REJECTED),
                row("rejected_publication", "3.要求提供公开出版物", REJECTED),
                row("rejected_excessive", "4.无正当理由大量反复申请", REJECTED),
                row("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", REJECTED),
                row("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", OTHER),
                row(
                    "other_unpaid_fee",
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                    OTHER,
                ),
                row("other_other", "3.其他", OTHER),
                Row { short: "办理结果总计", total: true, ..row("total", "（七）总计", &[RESULT]) },
                Row {
                    short: "四、结转下年度继续办理", ..row("carried_forward", "四、结转下年度继续办理", &[])
                },
            ],
        }],
    },
    Table {
        key: "appeals",
        name: "表C",
        corner: "",
        layout: Layout::Across,
        balance: None,
        sections: &[Section {
            heading: "",
            row_head: "",
            kind: Kind::Count,
            columns: APPEAL_COLUMNS,
            rows: &[
                row("review", "行政复议", &[]),
                row("litigation_direct", "未经复议直接起诉", LITIGATION),
                row("litigation_after_review", "复议后起诉", LITIGATION),
            ],
        }],
    },
];

/// The six parts of the report, in template order. The preamble precedes them untitled.
pub static PARTS: [Part; 6] = [
    Part {
        heading: "一、总体情况",
        body: Body::Text(TextPart {
            key: "overview",
            hint: "主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等情况；篇幅原则上不超过一千字",
        }),
    },
    Part { heading: "二、主动公开政府信息情况", body: Body::Table(0) },
    Part { heading: "三、收到和处理政府信息公开申请情况", body: Body::Table(1) },
    Part { heading: "四、政府信息公开行政复议、行政诉讼情况", body: Body::Table(2) },
    Part {
        heading: "五、存在的主要问题及改进情况",
        body: Body::Text(TextPart {
            key: "problems",
            hint: "实事求是、明确具体；查找问题要有针对性，改进举措要有实效性，不得年年雷同",
        }),
    },
    Part {
        heading: "六、其他需要报告的事项",
        body: Body::Text(TextPart {
            key: "other",
            hint: "须报告信息处理费收取情况（《政府信息公开信息处理费管理办法》）",
        }),
    },
];

/// The untitled opening paragraph(s): legal basis, statistics period, where published, contact.
pub const PREAMBLE: TextPart = TextPart {
    key: "preamble",
    hint: "编制依据、统计期限（1月1日至12月31日）、公布渠道、联系方式",
};

/// Every text field in template order: the preamble, then parts 一, 五, 六.
pub fn text_parts() -> impl Iterator<Item = (&'static str, TextPart)> {
    std::iter::once(("", PREAMBLE)).chain(PARTS.iter().filter_map(|p| match p.body {
        Body::Text(t) => Some((p.heading, t)),
        Body::Table(_) => None,
    }))
}

/// One figure of the template, addressed by its path (`applications.new_received.natural_person`).
#[derive(Debug)]
pub struct CellDef {
    pub path: String,
    pub kind: Kind,
    pub table: usize,
    pub section: usize,
    pub row: usize,
    pub col: usize,
    /// Computed from other cells; never typed, never stored.
    pub derived: bool,
}

impl CellDef {
    pub fn table(&self) -> &'static Table {
        &TABLES[self.table]
    }
    pub fn section(&self) -> &'static Section {
        &self.table().sections[self.section]
    }
    pub fn row(&self) -> &'static Row {
        &self.section().rows[self.row]
    }
    pub fn column(&self) -> &'static Column {
        &self.section().columns[self.col]
    }
    /// A human name for messages: 表B「一、本年新收…」行「自然人」列.
    pub fn describe(&self) -> String {
        let (t, r, c) = (self.table(), self.row(), self.column());
        match (t.layout, c.key.is_empty()) {
            (Layout::Across, _) => format!("{}「{}」{}", t.name, r.label, c.label),
            (_, true) => format!("{}「{}」", t.name, r.label),
            (_, false) => format!("{}「{}」行「{}」列", t.name, r.label, c.label),
        }
    }
}

struct Index {
    cells: Vec<CellDef>,
    by_path: HashMap<String, usize>,
    /// Where each table's sections start in `cells` (cells run row by row within a section).
    section_start: Vec<Vec<usize>>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let mut cells = Vec::new();
    let mut section_start = Vec::new();
    for (ti, t) in TABLES.iter().enumerate() {
        section_start.push(Vec::new());
        for (si, s) in t.sections.iter().enumerate() {
            section_start[ti].push(cells.len());
            for (ri, r) in s.rows.iter().enumerate() {
                for (ci, c) in s.columns.iter().enumerate() {
                    let path = if c.key.is_empty() {
                        format!("{}.{}", t.key, r.key)
                    } else {
                        format!("{}.{}.{}", t.key, r.key, c.key)
                    };
                    let derived = r.total || c.total;
                    cells.push(CellDef { path, kind: s.kind, table: ti, section: si, row: ri, col: ci, derived });
                }
            }
        }
    }
    let by_path = cells.iter().enumerate().map(|(i, c)| (c.path.clone(), i)).collect();
    Index { cells, by_path, section_start }
});

/// Every figure of the template (typed and derived), in reading order. A report stores one value
/// per entry, at the same index.
pub fn cells() -> &'static [CellDef] {
    &INDEX.cells
}

/// The index of a cell by its path, as used in `data-cell` and in findings.
pub fn cell_index(path: &str) -> Option<usize> {
    INDEX.by_path.get(path).copied()
}

/// The index of the cell at a table/section/row/column position.
pub fn cell_at(table: usize, section: usize, row: usize, col: usize) -> usize {
    INDEX.section_start[table][section] + row * TABLES[table].sections[section].columns.len() + col
}

/// The index of a cell by table, row and column keys (column key empty for single figures).
/// Walks the template rather than formatting a path: the rules call it on every keystroke.
pub fn find(table: &str, row: &str, col: &str) -> Option<usize> {
    let ti = TABLES.iter().position(|t| t.key == table)?;
    TABLES[ti].sections.iter().enumerate().find_map(|(si, s)| {
        let r = s.rows.iter().position(|r| r.key == row)?;
        let c = s.columns.iter().position(|c| c.key == col)?;
        Some(cell_at(ti, si, r, c))
    })
}

/// One spanning cell of a header: its label, where it starts and how far it spans.
#[derive(Debug, PartialEq, Eq, Clone)]
pub struct Span {
    pub label: &'static str,
    pub start: usize,
    pub len: usize,
    /// The innermost label of its nodes (a column or row label, not a group).
    pub leaf: bool,
}

/// Header cells of a sequence of nodes with group paths: for each depth, runs of equal labels
/// merge into one span.
/// Returns, per depth, the spans; a leaf shallower than the deepest one spans the remaining
/// levels where it is drawn (see [`crate::grid`]).
pub fn header_spans<'a>(paths: impl Iterator<Item = (&'a [&'static str], &'static str)>) -> Vec<Vec<Span>> {
    let paths: Vec<Vec<&'static str>> =
        paths.map(|(groups, leaf)| groups.iter().copied().chain(std::iter::once(leaf)).collect()).collect();
    let depth = paths.iter().map(Vec::len).max().unwrap_or(0);
    let mut levels = vec![Vec::<Span>::new(); depth];
    for (i, p) in paths.iter().enumerate() {
        for (d, label) in p.iter().enumerate() {
            let continues = i > 0 && paths[i - 1].len() > d && paths[i - 1][..=d] == p[..=d] && d + 1 < p.len();
            match levels[d].last_mut() {
                Some(s) if continues && s.start + s.len == i => s.len += 1,
                _ => levels[d].push(Span { label, start: i, len: 1, leaf: d + 1 == p.len() }),
            }
        }
    }
    levels
}

/// Cells gathered by the row of the form they stand in: each row as printed with its groups
/// (表B「（五）不予处理 › 2.重复申请」) and the labels of its cells' columns (none for a
/// single-figure row) — how the import review and the 问题清单 name figures not filled.
pub fn by_row<'a>(cells: impl Iterator<Item = &'a CellDef>) -> Vec<(String, Vec<&'static str>)> {
    let mut rows: Vec<(String, Vec<&'static str>)> = Vec::new();
    for def in cells {
        let row = def.row();
        let label = row.groups.iter().chain([&row.label]).copied().collect::<Vec<_>>().join(" › ");
        let name = format!("{}「{label}」", def.table().name);
        let col = Some(def.column().label).filter(|_| !def.column().key.is_empty());
        match rows.last_mut() {
            Some((last, cols)) if *last == name => cols.extend(col),
            _ => rows.push((name, col.into_iter().collect())),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_the_contract() {
        for p in [
            "applications.new_received.natural_person",
            "proactive.normative_documents.in_force",
            "proactive.licensing",
            "proactive.fees_wan_yuan",
            "appeals.review.upheld",
            "appeals.litigation_after_review.total",
            "applications.total.total",
        ] {
            assert!(cell_index(p).is_some(), "{p}");
        }
        assert!(cell_index("applications.total.natural_person").map(|i| cells()[i].derived).unwrap());
        assert!(!cells()[cell_index("proactive.licensing").unwrap()].derived);
    }

    #[test]
    fn template_sizes() {
        let typed = cells().iter().filter(|c| !c.derived).count();
        // A: 6 + 1 + 2 + 1; B: 24 rows × 6; C: 3 × 4.
        assert_eq!(typed, 10 + 24 * 6 + 12);
        assert_eq!(TABLES[1].sections[0].rows.len(), 25);
        assert_eq!(cells().iter().filter(|c| c.kind == Kind::Fee).count(), 1);
        let paths: std::collections::HashSet<_> = cells().iter().map(|c| &c.path).collect();
        assert_eq!(paths.len(), cells().len(), "paths are unique");
    }

    #[test]
    fn table_b_row_header_spans() {
        let rows = TABLES[1].sections[0].rows;
        let spans = header_spans(rows.iter().map(|r| (r.groups, r.label)));
        assert_eq!(spans.len(), 3);
        // 三、本年度办理结果 spans 22 rows: (一) to (六)'s items and (七)总计.
        let result = spans[0].iter().find(|s| s.label == RESULT).unwrap();
        assert_eq!((result.start, result.len), (2, 22));
        let denied = spans[1].iter().find(|s| s.label == "（三）不予公开").unwrap();
        assert_eq!((denied.start, denied.len), (4, 8));
        // Leaves keep their own spans even when labels repeat (1. under several groups).
        assert_eq!(spans[2].iter().filter(|s| s.label.starts_with("1.")).count(), 4);
    }

    #[test]
    fn table_b_column_header_spans() {
        let cols = TABLES[1].sections[0].columns;
        let spans = header_spans(cols.iter().map(|c| (c.groups, c.label)));
        assert_eq!(
            spans[0],
            vec![
                Span { label: "申请人情况", start: 0, len: 6, leaf: false },
                Span { label: "总计", start: 6, len: 1, leaf: true }
            ]
        );
        assert_eq!(spans[1][1], Span { label: "法人或其他组织", start: 1, len: 5, leaf: false });
    }

    #[test]
    fn text_parts_in_order() {
        let keys: Vec<_> = text_parts().map(|(_, t)| t.key).collect();
        assert_eq!(keys, ["preamble", "overview", "problems", "other"]);
    }

    /// docs/FORMAT.md's table B key table is what other tools and the JSON's readers go by: its
    /// keys are the form's, in the form's order, each with the form's label (and group, where it
    /// opens one), and its column keys are the form's.
    #[test]
    fn the_format_docs_key_table_is_the_forms() {
        let doc = include_str!("../docs/FORMAT.md");
        let section = doc.split("## Table B").nth(1).expect("docs/FORMAT.md has table B");
        let section = section.split("\n## ").next().unwrap_or_default();
        let listed: Vec<(&str, &str)> = section
            .lines()
            .filter(|l| l.starts_with("| ") && !l.starts_with("| key"))
            .map(|l| {
                let cols: Vec<&str> = l.split('|').map(str::trim).collect();
                (cols[1].trim_end_matches(" (derived)"), cols[2])
            })
            .collect();
        let b = &TABLES[1].sections[0];
        let keys: Vec<&str> = b.rows.iter().map(|r| r.key).collect();
        assert_eq!(listed.iter().map(|(k, _)| *k).collect::<Vec<_>>(), keys, "docs/FORMAT.md: table B's keys");
        let mut group = None;
        for ((key, label), row) in listed.iter().zip(b.rows) {
            let mut path: Vec<&str> = label.split('›').map(str::trim).collect();
            assert_eq!(path.pop(), Some(row.label), "docs/FORMAT.md: the label of {key}");
            // A group is named on the first row under it; the rows after it carry the same.
            let inner = row.groups.last().copied();
            if inner != group {
                if let Some(&named) = path.last() {
                    assert_eq!(Some(named), inner, "docs/FORMAT.md: the group {key} opens");
                }
                assert!(path.iter().all(|g| row.groups.contains(g)), "docs/FORMAT.md: the groups of {key}: {path:?}");
                group = inner;
            } else {
                assert!(path.is_empty(), "docs/FORMAT.md: {key} repeats its group");
            }
        }
        let columns: Vec<&str> = b.columns.iter().map(|c| c.key).collect();
        let line =
            section.split("Column keys:").nth(1).expect("the column keys").split("\n\n").next().unwrap_or_default();
        let named: Vec<&str> = line
            .split([',', '\n'])
            .map(|k| k.trim().trim_start_matches("and ").trim_end_matches('.'))
            .filter(|k| !k.is_empty())
            .collect();
        let named: Vec<&str> = named.iter().map(|k| k.trim_end_matches(" (derived)")).collect();
        assert_eq!(named, columns, "docs/FORMAT.md: table B's column keys");
    }
}
