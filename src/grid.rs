//! The printed grid of each table, derived from [`crate::form`]: which label or figure stands
//! where, and how far each merged cell spans. The editor, the print view and the .docx/.xlsx
//! exporters all draw this one grid, so their tables cannot drift apart.

use crate::form::{self, Layout, Table};
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Content {
    /// A verbatim label of the template.
    Label(&'static str),
    /// A figure, by index into [`form::cells`] (typed or derived).
    Figure(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GridCell {
    pub content: Content,
    pub rows: usize,
    pub cols: usize,
    /// A header cell (column labels, section headings, the corner note).
    pub head: bool,
}

/// A table as drawn: each line lists the cells that start in it, left to right, as in HTML.
#[derive(Debug, PartialEq, Eq)]
pub struct Grid {
    pub width: usize,
    pub lines: Vec<Vec<GridCell>>,
}

impl Grid {
    /// Every line with each covered position resolved: `Some((cell, is_origin))` where a cell
    /// (or the continuation of a merged one) stands. Formats without row spans (.docx vMerge,
    /// .xlsx merges) walk this.
    pub fn positions(&self) -> Vec<Vec<Option<(GridCell, bool)>>> {
        let mut out = vec![vec![None; self.width]; self.lines.len()];
        for (y, line) in self.lines.iter().enumerate() {
            let mut x = 0;
            for cell in line {
                while x < self.width && out[y][x].is_some() {
                    x += 1;
                }
                for dy in 0..cell.rows {
                    for dx in 0..cell.cols {
                        out[y + dy][x + dx] = Some((*cell, dy == 0 && dx == 0));
                    }
                }
                x += cell.cols;
            }
        }
        out
    }
}

/// What a screen reader says for each figure ([`form::cells`] order): the printed form's full
/// path to it, as a reader of the paper form would find it — the table, the row labels to its
/// left (group, then sub-row: 「（三）不予公开 › 1.属于国家秘密」) and the column labels above it
/// (「法人或其他组织 › 商业企业」), so no two cells sound alike (「（六）其他处理 › 3.其他」).
pub fn spoken(cell: usize) -> &'static str {
    &SPOKEN[cell]
}

static SPOKEN: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out = vec![String::new(); form::cells().len()];
    for (ti, table) in form::TABLES.iter().enumerate() {
        let at = grid(ti).positions();
        let label = |y: usize, x: usize, head: bool| match at[y][x] {
            Some((c, _)) if c.head == head => match c.content {
                Content::Label(l) => Some((l, c)),
                Content::Figure(_) => None,
            },
            _ => None,
        };
        for (y, line) in at.iter().enumerate() {
            for (x, pos) in line.iter().enumerate() {
                let Some((GridCell { content: Content::Figure(i), .. }, true)) = pos else { continue };
                let mut rows: Vec<&str> = Vec::new();
                let mut last = None;
                for (l, c) in (0..x).filter_map(|x| label(y, x, false)) {
                    if last != Some(c) {
                        rows.push(l);
                    }
                    last = Some(c);
                }
                // Up through the figures of the rows above, then the header lines right over them.
                let mut cols: Vec<&str> = Vec::new();
                let mut up = (0..y).rev().skip_while(|&y| label(y, x, true).is_none()).map_while(|y| label(y, x, true));
                let mut last = None;
                for (l, c) in up.by_ref() {
                    if last != Some(c) {
                        cols.insert(0, l);
                    }
                    last = Some(c);
                }
                let path = |parts: &[&str]| parts.iter().map(|p| p.trim()).collect::<Vec<_>>().join(" › ");
                out[*i] = match (rows.is_empty(), cols.is_empty()) {
                    (true, _) => format!("{} {}", table.name, path(&cols)),
                    (false, true) => format!("{} {}", table.name, path(&rows)),
                    (false, false) => format!("{} {}，{}", table.name, path(&rows), path(&cols)),
                };
            }
        }
    }
    out
});

fn label(text: &'static str, rows: usize, cols: usize, head: bool) -> GridCell {
    GridCell { content: Content::Label(text), rows, cols, head }
}

fn figure(index: usize, cols: usize) -> GridCell {
    GridCell { content: Content::Figure(index), rows: 1, cols, head: false }
}

/// The grid of a table. The template is static, so each grid is built once and shared by every
/// render, key move, paste and export.
pub fn grid(table_index: usize) -> &'static Grid {
    &GRIDS[table_index]
}

static GRIDS: LazyLock<Vec<Grid>> = LazyLock::new(|| {
    form::TABLES
        .iter()
        .enumerate()
        .map(|(ti, table)| match table.layout {
            Layout::Sections => sectioned(ti, table),
            Layout::Grid => cross(ti, table),
            Layout::Across => across(ti, table),
        })
        .collect()
});

/// Table A: each section a heading line, a header line and its rows, in a shared width; a
/// section with one figure per row lets it span the columns.
fn sectioned(ti: usize, table: &Table) -> Grid {
    let width = 1 + table.sections.iter().map(|s| s.columns.len()).max().unwrap_or(1);
    let mut lines = Vec::new();
    for (si, s) in table.sections.iter().enumerate() {
        let span = |c: usize| if c + 1 == s.columns.len() { width - 1 - c } else { 1 };
        if !s.heading.is_empty() {
            lines.push(vec![label(s.heading, 1, width, true)]);
        }
        let mut head = vec![label(s.row_head, 1, 1, true)];
        head.extend(s.columns.iter().enumerate().map(|(c, col)| label(col.label, 1, span(c), true)));
        lines.push(head);
        for (ri, r) in s.rows.iter().enumerate() {
            let mut line = vec![label(r.label, 1, 1, false)];
            line.extend((0..s.columns.len()).map(|c| figure(form::cell_at(ti, si, ri, c), span(c))));
            lines.push(line);
        }
    }
    Grid { width, lines }
}

/// Table B: the corner note over the row labels, column groups across the top, row groups
/// down the side.
fn cross(ti: usize, table: &Table) -> Grid {
    let s = &table.sections[0];
    let heads = form::header_spans(s.columns.iter().map(|c| (c.groups, c.label)));
    let sides = form::header_spans(s.rows.iter().map(|r| (r.groups, r.label)));
    let (depth, side) = (heads.len(), sides.len());
    let mut lines: Vec<Vec<GridCell>> = vec![Vec::new(); depth + s.rows.len()];
    lines[0].push(label(table.corner, depth, side, true));
    for (d, spans) in heads.iter().enumerate() {
        for sp in spans {
            let rows = if sp.leaf { depth - d } else { 1 };
            lines[d].push(label(sp.label, rows, sp.len, true));
        }
    }
    for (ri, _) in s.rows.iter().enumerate() {
        let line = &mut lines[depth + ri];
        for (d, spans) in sides.iter().enumerate() {
            if let Some(sp) = spans.iter().find(|sp| sp.start == ri) {
                let cols = if sp.leaf { side - d } else { 1 };
                line.push(label(sp.label, if sp.leaf { 1 } else { sp.len }, cols, false));
            }
        }
        line.extend((0..s.columns.len()).map(|c| figure(form::cell_at(ti, 0, ri, c), 1)));
    }
    Grid { width: side + s.columns.len(), lines }
}

/// Table C: each row becomes a block of columns under its labels, one line of figures.
fn across(ti: usize, table: &Table) -> Grid {
    let s = &table.sections[0];
    let paths: Vec<Vec<&'static str>> = s
        .rows
        .iter()
        .flat_map(|r| s.columns.iter().map(move |_| r.groups.iter().copied().chain([r.label]).collect()))
        .collect();
    let leaves: Vec<&'static str> = s.rows.iter().flat_map(|_| s.columns.iter().map(|c| c.label)).collect();
    let heads = form::header_spans(paths.iter().zip(&leaves).map(|(p, l)| (p.as_slice(), *l)));
    let depth = heads.len();
    let mut lines: Vec<Vec<GridCell>> = vec![Vec::new(); depth + 1];
    for (d, spans) in heads.iter().enumerate() {
        for sp in spans {
            lines[d].push(label(sp.label, if sp.leaf { depth - d } else { 1 }, sp.len, true));
        }
    }
    lines[depth] = (0..s.rows.len())
        .flat_map(|r| (0..s.columns.len()).map(move |c| figure(form::cell_at(ti, 0, r, c), 1)))
        .collect();
    Grid { width: leaves.len(), lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(g: &Grid, y: usize) -> Vec<String> {
        g.lines[y]
            .iter()
            .map(|c| match c.content {
                Content::Label(l) => format!("{l}{}×{}", c.rows, c.cols),
                Content::Figure(i) => form::cells()[i].path.clone(),
            })
            .collect()
    }

    /// Every line covers the full width exactly once.
    fn assert_rectangular(g: &Grid) {
        for (y, line) in g.positions().iter().enumerate() {
            assert!(line.iter().all(Option::is_some), "line {y} has a hole");
        }
    }

    #[test]
    fn table_a_has_four_sections_in_four_columns() {
        let g = grid(0);
        assert_eq!(g.width, 4);
        assert_rectangular(g);
        assert_eq!(text(g, 0), ["第二十条第（一）项1×4"]);
        assert_eq!(text(g, 1), ["信息内容1×1", "本年制发件数1×1", "本年废止件数1×1", "现行有效件数1×1"]);
        assert_eq!(text(g, 2)[3], "proactive.regulations.in_force");
        assert_eq!(text(g, 5), ["信息内容1×1", "本年处理决定数量1×3"]);
        assert_eq!(g.lines[6][1].cols, 3);
        assert_eq!(text(g, g.lines.len() - 1), ["行政事业性收费1×1", "proactive.fees_wan_yuan"]);
    }

    #[test]
    fn table_b_is_the_printed_form() {
        let g = grid(1);
        assert_eq!(g.width, 10);
        assert_eq!(g.lines.len(), 3 + 25);
        assert_rectangular(g);
        assert!(text(g, 0)[0].starts_with("（本列数据的勾稽关系为"));
        assert_eq!((g.lines[0][0].rows, g.lines[0][0].cols), (3, 3));
        assert_eq!(text(g, 0)[1..], ["申请人情况1×6", "总计3×1"]);
        assert_eq!(text(g, 1), ["自然人2×1", "法人或其他组织1×5"]);
        assert_eq!(text(g, 2), ["商业企业1×1", "科研机构1×1", "社会公益组织1×1", "法律服务机构1×1", "其他1×1"]);
        assert_eq!(text(g, 3)[0], "一、本年新收政府信息公开申请数量1×3");
        assert_eq!(text(g, 5)[..2], ["三、本年度办理结果22×1", "（一）予以公开1×2"]);
        assert_eq!(text(g, 7)[..2], ["（三）不予公开8×1", "1.属于国家秘密1×1"]);
        assert_eq!(text(g, 26)[0], "（七）总计1×2");
        assert_eq!(text(g, 27)[0], "四、结转下年度继续办理1×3");
        assert_eq!(text(g, 27).last().unwrap(), "applications.carried_forward.total");
    }

    fn spoken_of(path: &str) -> &'static str {
        spoken(form::cell_index(path).unwrap())
    }

    /// Every figure is named by its full path on the printed form, and no two alike.
    #[test]
    fn every_figure_is_spoken_by_its_printed_path() {
        let a = form::TABLES[0].name;
        let b = form::TABLES[1].name;
        let c = form::TABLES[2].name;
        assert_eq!(spoken_of("proactive.regulations.issued"), format!("{a} 规章，第二十条第（一）项 › 本年制发件数"));
        assert_eq!(
            spoken_of("applications.denied_state_secret.commercial"),
            format!("{b} 三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密，申请人情况 › 法人或其他组织 › 商业企业")
        );
        assert_eq!(
            spoken_of("applications.new_received.natural_person"),
            format!("{b} 一、本年新收政府信息公开申请数量，申请人情况 › 自然人")
        );
        assert!(spoken_of("applications.other_other.other_org")
            .contains("（六）其他处理 › 3.其他，申请人情况 › 法人或其他组织 › 其他"));
        assert_eq!(
            spoken_of("appeals.litigation_direct.upheld"),
            format!("{c} 行政诉讼 › 未经复议直接起诉 › 结果维持")
        );
        let mut all: Vec<&str> = (0..form::cells().len()).map(spoken).collect();
        assert!(all.iter().all(|s| s.chars().count() > 6), "{all:?}");
        all.sort();
        let n = all.len();
        all.dedup();
        assert_eq!(all.len(), n, "two cells sound alike");
    }

    #[test]
    fn table_c_is_one_line_under_three_header_lines() {
        let g = grid(2);
        assert_eq!(g.width, 15);
        assert_rectangular(g);
        assert_eq!(text(g, 0), ["行政复议1×5", "行政诉讼1×10"]);
        assert_eq!(text(g, 1)[..2], ["结果维持2×1", "结果纠正2×1"]);
        assert_eq!(text(g, 1)[5..], ["未经复议直接起诉1×5", "复议后起诉1×5"]);
        assert_eq!(text(g, 2).len(), 10);
        assert_eq!(text(g, 3)[9], "appeals.litigation_direct.total");
    }
}
