//! The JSON data contract: the file users keep and upload next year.
//!
//! Reading walks the template's cell paths, taking each known key out of the parsed tree; what
//! is left is unknown to this version and is kept in [`Report::extra`] so that writing it back
//! loses nothing. Known keys are taken out with `shift_remove`, which keeps the order of what is
//! left (`remove` swaps the last key into the gap, so a file written back would reorder its
//! unknown keys at each save). Totals are never written; a total found in a file is recomputed
//! instead.

use crate::form::{self, Kind};
use crate::report::{parse_count, parse_fee, unfilled, Report, Scope, Texts, YEARS};
use serde_json::{Map, Value};
use std::fmt;

pub mod direct;

pub const SCHEMA: &str = "nianbao.report";
pub const SCHEMA_VERSION: u64 = 1;

/// Why a file could not be read, in words for the user, with where in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The JSON path of the problem (`applications.new_received.natural_person`), or
    /// `第 L 行第 C 列` for a syntax error; empty when it concerns the whole file.
    pub at: String,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}：{}", self.at, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

fn err(at: impl Into<String>, message: impl Into<String>) -> LoadError {
    LoadError { at: at.into(), message: message.into() }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "布尔值",
        Value::Number(_) => "数字",
        Value::String(_) => "文本",
        Value::Array(_) => "数组",
        Value::Object(_) => "对象",
    }
}

/// Reads a report from the text of a JSON file.
pub fn from_str(text: &str) -> Result<Report, LoadError> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        let at = format!("第 {} 行第 {} 列", e.line(), e.column());
        if e.classify() == serde_json::error::Category::Eof {
            return err(at, "文件不完整（JSON 在此处意外结束）");
        }
        // What a hostile or damaged file most often trips on, said in words.
        let known = [
            ("recursion limit exceeded", "嵌套超过 128 层，不是报告文件"),
            ("number out of range", "数字超出可表示的范围"),
            ("control character", "文本中含有控制字符（如 NUL），须写作转义形式"),
        ];
        let text = e.to_string();
        match known.iter().find(|(k, _)| text.starts_with(k)) {
            Some((_, why)) => err(at, format!("不是有效的 JSON 文件：{why}")),
            None => err(at, "不是有效的 JSON 文件"),
        }
    })?;
    from_value(value, "")
}

/// [`from_str`] for many files at once (汇总与核查): straight into the report where [`direct`]
/// can, in half the time, else as [`from_str`]. The editor reads one file at a time and its first
/// load does without the fast path's code.
pub fn from_str_fast(text: &str) -> Result<Report, LoadError> {
    direct::read(text.trim_start_matches('\u{feff}')).map_or_else(|| from_str(text), Ok)
}

/// Reads a report from a parsed JSON value; `prefix` is prepended to error paths.
pub fn from_value(value: Value, prefix: &str) -> Result<Report, LoadError> {
    let at = |key: &str| format!("{prefix}{key}");
    let Value::Object(mut root) = value else {
        return Err(err(prefix.trim_end_matches('.'), format!("报告应为 JSON 对象，实为{}", type_name(&value))));
    };
    let mut report = head(|key| root.shift_remove(key), prefix)?;
    if let Some(text) = root.get_mut("text") {
        let Value::Object(text) = text else {
            return Err(err(at("text"), format!("应为对象，实为{}", type_name(text))));
        };
        for (_, part) in form::text_parts() {
            if let Some(s) =
                string(text.shift_remove(part.key)).map_err(|m| err(at(&format!("text.{}", part.key)), m))?
            {
                *report.text.get_mut(part.key).expect("text key") = s;
            }
        }
    }
    if let Some(document) = container(&mut root, &["document"], prefix)? {
        for (key, field) in report.document.fields_mut() {
            if let Some(s) = string(document.shift_remove(key)).map_err(|m| err(at(&format!("document.{key}")), m))? {
                *field = s;
            }
        }
    }
    for (i, def) in form::cells().iter().enumerate() {
        let keys: Vec<&str> = def.path.split('.').collect();
        let (leaf, parents) = keys.split_last().expect("non-empty path");
        let Some(parent) = container(&mut root, parents, prefix)? else { continue };
        let Some(v) = parent.shift_remove(*leaf) else { continue };
        if def.derived {
            continue;
        }
        report.cells[i] = figure(def, v).map_err(|m| err(at(&def.path), m))?;
    }
    if let Some(prev) = root.shift_remove("previous") {
        if !prev.is_null() {
            let mut prev = from_value(prev, &at("previous."))?;
            prev.previous = None;
            report.previous = Some(Box::new(prev));
        }
    }
    prune_empty(&mut root);
    report.extra = root;
    Ok(report)
}

/// The keys that say what the file is, read by [`head`].
const HEAD: [&str; 6] = ["schema", "schema_version", "template", "year", "organ", "scope"];

/// A report of the year, organ and scope given by the values `take` takes out of the file's
/// object (one of [`HEAD`] each); an error if it is not a report this version reads.
fn head(mut take: impl FnMut(&'static str) -> Option<Value>, prefix: &str) -> Result<Report, LoadError> {
    let at = |key: &str| format!("{prefix}{key}");
    match take("schema") {
        Some(Value::String(s)) if s == SCHEMA => {}
        Some(other) => {
            return Err(err(at("schema"), format!("不是 nianbao 报告文件（schema 应为 \"{SCHEMA}\"，实为 {other}）")))
        }
        None => return Err(err(at("schema"), format!("不是 nianbao 报告文件：缺少 schema（应为 \"{SCHEMA}\"）"))),
    }
    match take("schema_version") {
        Some(Value::Number(n)) => match n.as_u64() {
            Some(v) if v > SCHEMA_VERSION => {
                return Err(err(
                    at("schema_version"),
                    format!("此文件由较新版本的 nianbao 生成（schema_version {v}），本版本只能读取 {SCHEMA_VERSION} 及以下，请更新 nianbao 后再打开"),
                ))
            }
            // Version 1 is the first; older versions would be migrated here.
            Some(_) => {}
            None => return Err(err(at("schema_version"), format!("应为正整数，实为 {n}"))),
        },
        Some(other) => return Err(err(at("schema_version"), format!("应为整数，实为{}", type_name(&other)))),
        None => return Err(err(at("schema_version"), "缺少 schema_version")),
    }
    match take("template") {
        None => {}
        Some(Value::String(t)) if t == form::TEMPLATE_ID => {}
        Some(other) => {
            return Err(err(
                at("template"),
                format!("不支持的模板 {other}；本版本支持 \"{}\"（国办公开办函〔2021〕30号）", form::TEMPLATE_ID),
            ))
        }
    }
    let year = match take("year") {
        Some(Value::Number(n)) => match n.as_i64() {
            Some(y) if i32::try_from(y).is_ok_and(|y| YEARS.contains(&y)) => y as i32,
            _ => return Err(err(at("year"), format!("年度应为四位年份，实为 {n}"))),
        },
        Some(other) => return Err(err(at("year"), format!("年度应为整数，实为{}", type_name(&other)))),
        None => return Err(err(at("year"), "缺少年度（year）")),
    };
    let mut report = Report::new(year);
    report.organ = string(take("organ")).map_err(|m| err(at("organ"), m))?.unwrap_or_default();
    if let Some(scope) = string(take("scope")).map_err(|m| err(at("scope"), m))? {
        report.scope = Scope::from_key(&scope).ok_or_else(|| {
            err(at("scope"), format!("应为 \"own\"（本机关）或 \"aggregate\"（汇总），实为 \"{scope}\""))
        })?;
    }
    Ok(report)
}

/// A text field: absent or null is not given; anything but text is an error (its message).
fn string(v: Option<Value>) -> Result<Option<String>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("应为文本，实为{}", type_name(&other))),
    }
}

/// A typed figure as the file gives it: a number or text as written, blank or null not filled.
fn figure(def: &form::CellDef, v: Value) -> Result<Option<String>, String> {
    match v {
        Value::Null => Ok(None),
        // A count, as nearly every figure is, written without the formatter.
        Value::Number(n) => Ok(Some(n.as_u64().map_or_else(|| n.to_string(), |u| u.to_string()))),
        Value::String(s) if unfilled(&s) => Ok(None),
        Value::String(s) => Ok(Some(s)),
        other => {
            let want = if def.kind == Kind::Fee { "金额（文本，如 \"435.18\"）" } else { "数字" };
            Err(format!("{} 应为{want}，实为{}", def.describe(), type_name(&other)))
        }
    }
}

/// The object at `keys` below `root`, if present; an error if something else stands there.
fn container<'a>(
    root: &'a mut Map<String, Value>,
    keys: &[&str],
    prefix: &str,
) -> Result<Option<&'a mut Map<String, Value>>, LoadError> {
    let mut here = root;
    for (depth, key) in keys.iter().enumerate() {
        match here.get_mut(*key) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Object(m)) => here = m,
            Some(other) => {
                let path = format!("{prefix}{}", keys[..=depth].join("."));
                return Err(err(path, format!("应为对象，实为{}", type_name(other))));
            }
        }
    }
    Ok(Some(here))
}

/// Removes objects left empty once their known keys were taken out.
fn prune_empty(map: &mut Map<String, Value>) {
    map.retain(|_, v| match v {
        Value::Object(m) => {
            prune_empty(m);
            !m.is_empty()
        }
        _ => true,
    });
}

/// The report as a JSON value in contract order, unknown keys merged back in.
pub fn to_value(report: &Report) -> Value {
    let mut root = Map::new();
    root.insert("schema".into(), SCHEMA.into());
    root.insert("schema_version".into(), SCHEMA_VERSION.into());
    root.insert("template".into(), form::TEMPLATE_ID.into());
    root.insert("year".into(), report.year.into());
    root.insert("organ".into(), report.organ.clone().into());
    root.insert("scope".into(), report.scope.key().into());
    let text: Map<String, Value> =
        form::text_parts().map(|(_, p)| (p.key.to_string(), text_of(&report.text, p.key).into())).collect();
    root.insert("text".into(), Value::Object(text));
    for (i, def) in form::cells().iter().enumerate() {
        // Before the containers: a derived row (（七）总计) must not leave an empty object behind.
        if def.derived {
            continue;
        }
        let keys: Vec<&str> = def.path.split('.').collect();
        let (leaf, parents) = keys.split_last().expect("non-empty path");
        let mut here = &mut root;
        for key in parents {
            here = here
                .entry(key.to_string())
                .or_insert_with(|| Value::Object(Map::new()))
                .as_object_mut()
                .expect("containers are objects");
        }
        // Blank is not filled, as `Report::set` and the reader have it.
        let Some(raw) = report.cells[i].as_deref().filter(|r| !r.trim().is_empty()) else { continue };
        let v = match def.kind {
            Kind::Count => parse_count(raw).map(Value::from).unwrap_or_else(|_| raw.into()),
            Kind::Fee => parse_fee(raw).map(|d| d.to_string().into()).unwrap_or_else(|_| raw.into()),
        };
        here.insert(leaf.to_string(), v);
    }
    let document = report.document.filled();
    if !document.is_empty() {
        root.insert(
            "document".into(),
            Value::Object(document.into_iter().map(|(k, v)| (k.into(), v.into())).collect()),
        );
    }
    if let Some(prev) = &report.previous {
        root.insert("previous".into(), to_value(prev));
    }
    merge(&mut root, &report.extra);
    Value::Object(root)
}

fn text_of<'a>(texts: &'a Texts, key: &str) -> &'a str {
    texts.get(key).map(String::as_str).unwrap_or("")
}

fn merge(into: &mut Map<String, Value>, extra: &Map<String, Value>) {
    for (k, v) in extra {
        match (into.get_mut(k), v) {
            (Some(Value::Object(a)), Value::Object(b)) => merge(a, b),
            _ => {
                into.insert(k.clone(), v.clone());
            }
        }
    }
}

/// The report as pretty-printed JSON text, ending in a newline.
pub fn to_string(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&to_value(report)).expect("JSON values always serialize");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> String {
        r#"{"schema":"nianbao.report","schema_version":1,"template":"2021","year":2023,"organ":"某局","scope":"own"}"#
            .into()
    }

    #[test]
    fn reads_a_minimal_report_with_every_cell_unfilled() {
        let r = from_str(&minimal()).unwrap();
        assert_eq!((r.year, r.organ.as_str(), r.scope), (2023, "某局", Scope::Own));
        assert!(r.cells.iter().all(Option::is_none));
    }

    /// Files at the edges of what the fast reader takes: it reads them exactly as the tree's
    /// reader does, or gives up on them (`false`) and the tree's reader says what is wrong.
    #[test]
    fn the_fast_reader_reads_as_the_tree_does_or_gives_up() {
        let with = |s: &str| minimal().replacen('{', &format!("{{{s},"), 1);
        let previous = minimal().replacen('{', &format!("{{\"previous\":{},", minimal()), 1);
        let cases = [
            (minimal(), true),
            (format!("\u{feff}{} \n", minimal()), true),
            (with(r#""text":null"#), false),
            (with(r#""text":{"overview":null,"x":{}}"#), true),
            (with(r#""document":null,"proactive":{"regulations":null}"#), true),
            (with(r#""applications":{"new_received":{"total":[5],"x":{"y":{}}},"total":{"total":1}}"#), true),
            (with(r#""applications":{"new_received":{"total":1e400}}"#), false),
            (with(r#""applications":{"granted":{"natural_person":1}},"applications":{"x":1}"#), false),
            (with(r#""organ":"甲","organ":7"#), false),
            (with(r#""x":1,"y":2,"x":{"z":3}"#), true),
            (with(r#""\u0074ext":{"overview":"乙"},"\u0078":"\ud83d\ude00""#), true),
            (with(r#""\u006frgan":"乙""#), false),
            (with(r#""x":"\ud800""#), false),
            (with(r#""previous":null"#), true),
            (with(r#""previous":3"#), false),
            (with(&format!(r#""previous":{previous}"#)), true),
            (format!("{} x", minimal()), false),
            ("null".into(), false),
            ("[]".into(), false),
        ];
        for (text, reads) in cases {
            assert_eq!(format!("{:?}", from_str_fast(&text)), format!("{:?}", from_str(&text)), "{text}");
            assert_eq!(direct::read(text.trim_start_matches('\u{feff}')).is_some(), reads, "{text}");
        }
    }

    #[test]
    fn refuses_newer_schema() {
        let e = from_str(&minimal().replace("\"schema_version\":1", "\"schema_version\":99")).unwrap_err();
        assert_eq!(e.at, "schema_version");
        assert!(e.message.contains("较新版本"), "{e}");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let e = from_str("{\n  \"schema\": \"nianbao.report\",\n  \"year\": 20x3\n}").unwrap_err();
        assert_eq!(e.at, "第 3 行第 13 列");
        let e = from_str("{\"schema\": ").unwrap_err();
        assert!(e.message.contains("意外结束"), "{e}");
    }

    #[test]
    fn wrong_types_name_the_path() {
        let text = minimal().replace("}", r#","applications":{"new_received":{"natural_person":true}}}"#);
        let e = from_str(&text).unwrap_err();
        assert_eq!(e.at, "applications.new_received.natural_person");
        assert!(e.message.contains("应为数字") && e.message.contains("布尔值"), "{e}");
        let e = from_str(&minimal().replace("}", r#","appeals":[1]}"#)).unwrap_err();
        assert_eq!(e.at, "appeals");
        let e = from_str(&minimal().replace("\"year\":2023,", "")).unwrap_err();
        assert_eq!(e.at, "year");
        let e = from_str(r#"{"a":1}"#).unwrap_err();
        assert_eq!(e.at, "schema");
        let e = from_str(&minimal().replace("\"own\"", "\"mine\"")).unwrap_err();
        assert_eq!(e.at, "scope");
    }

    #[test]
    fn keeps_unknown_keys_and_typed_text() {
        let text = minimal().replace(
            "}",
            r#","applications":{"new_received":{"natural_person":"12a","note":"手填"},"total":{"total":5}},"proactive":{"fees_wan_yuan":"435.18246"},"signed_by":{"name":"张三"}}"#,
        );
        let r = from_str(&text).unwrap();
        assert_eq!(r.raw("applications.new_received.natural_person"), Some("12a"));
        let v = to_value(&r);
        assert_eq!(v["applications"]["new_received"]["natural_person"], "12a");
        assert_eq!(v["applications"]["new_received"]["note"], "手填");
        assert_eq!(v["signed_by"]["name"], "张三");
        assert_eq!(v["proactive"]["fees_wan_yuan"], "435.18246");
        assert!(v["applications"].get("total").is_none(), "totals are never stored, not even as an empty row");
        assert_eq!(from_str(&to_string(&r)).unwrap(), r);
    }

    #[test]
    fn unknown_keys_keep_their_order_when_known_ones_are_taken_out() {
        let text = minimal().replacen('{', r#"{"text":{"preamble":"","x":1,"y":2,"z":3},"#, 1);
        let once = to_string(&from_str(&text).unwrap());
        assert!(once.contains("\"x\": 1,\n    \"y\": 2,\n    \"z\": 3"), "{once}");
        assert_eq!(to_string(&from_str(&once).unwrap()), once);
    }

    #[test]
    fn a_blank_cell_is_written_as_not_filled() {
        let mut r = from_str(&minimal()).unwrap();
        r.cells[0] = Some("\u{b} ".into());
        let written = to_string(&r);
        assert_eq!(from_str(&written).unwrap().cells[0], None);
        assert_eq!(written, to_string(&from_str(&minimal()).unwrap()));
    }

    #[test]
    fn document_round_trips_with_its_unknown_keys() {
        let text = minimal().replace("}", r#","document":{"issuer":"某局","number":"某发〔2024〕1号","seal":"红"}}"#);
        let r = from_str(&text).unwrap();
        assert_eq!((r.document.issuer.as_str(), r.document.number.as_str()), ("某局", "某发〔2024〕1号"));
        let v = to_value(&r);
        assert_eq!(v["document"]["seal"], "红");
        assert_eq!(from_str(&to_string(&r)).unwrap(), r);
        let e = from_str(&minimal().replace("}", r#","document":{"cc":3}}"#)).unwrap_err();
        assert_eq!(e.at, "document.cc");
    }

    #[test]
    fn previous_year_round_trips() {
        let mut r = from_str(&minimal()).unwrap();
        r.set("applications.carried_forward.natural_person", "4");
        let next = r.next_year();
        let back = from_str(&to_string(&next)).unwrap();
        assert_eq!(back, next);
        assert_eq!(back.raw("applications.carried_over.natural_person"), Some("4"));
    }
}
