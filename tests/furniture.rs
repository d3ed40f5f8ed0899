//! A site's furniture around a report goes on every route that carries it (the page, its text
//! copied, its markdown, the page printed to PDF and copied, the report's PDF text): each route
//! of tests/routes/ imports without any line taken out, and with real sites' furniture added above
//! and below (and a link list after part 六) imports to the same texts and figures, the added
//! lines listed as removed, and no `text.page_furniture` in the result.

use nianbao::import::{self, Imported};
use std::path::Path;

/// Lines real government pages print around a report (share bar, metadata, controls).
const HEADER: &[&str] = &[
    "首页 > 政务公开 > 政府信息公开年报",
    "来源：区政务公开办 微信 微博 QQ空间",
    "全真版 / 文字版 / 文件下载",
    "发布时间：2025-01-20 10:50 来源：区机关事务管理局 选择阅读字号：[ 大 中 小 ]",
    "2022-01-20 作者:佚名 点击数:",
];

/// …and after it: link lists, 扫一扫, 备案号, a browser hint, a fragment of markup.
const FOOTER: &[&str] = &[
    "相关链接",
    "中国政府网",
    "福建省人民政府",
    "国家政务服务平台 2025-01-20",
    "扫一扫在手机上查看当前页面",
    "【打印本页】 【关闭窗口】",
    "网站标识码：3505050001 闽ICP备05001234号-1",
    "建议您使用IE9及以上版本浏览器，1280*800以上分辨率浏览本站",
    "0\">",
];

fn import(name: &str, bytes: &[u8]) -> Imported {
    import::any(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The text routes of every report: (route, file name, content).
fn routes() -> Vec<(String, String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/routes");
    let mut out = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        for file in std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            if [".txt", ".md", ".html"].iter().any(|e| name.ends_with(e)) {
                let route = format!("{}/{name}", dir.file_name().unwrap().to_string_lossy());
                out.push((route, name, std::fs::read_to_string(&file).unwrap()));
            }
        }
    }
    assert!(out.len() >= 40, "{}", out.len());
    out
}

/// The content with the furniture added as its route carries it.
fn furnished(name: &str, content: &str) -> String {
    if name.ends_with(".html") {
        let tag = |lines: &[&str]| lines.iter().map(|l| format!("<div>{}</div>\n", html_escape(l))).collect::<String>();
        let body = content.find("<body").and_then(|i| content[i..].find('>').map(|j| i + j + 1)).unwrap_or(0);
        let end = content.rfind("</body>").unwrap_or(content.len());
        format!("{}\n{}{}{}{}", &content[..body], tag(HEADER), &content[body..end], tag(FOOTER), &content[end..])
    } else {
        let content = content.trim_start_matches('\u{feff}');
        format!("{}\n{content}\n{}\n", HEADER.join("\n"), FOOTER.join("\n"))
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn no_route_loses_a_line_and_furniture_added_on_every_route_goes() {
    for (route, name, content) in routes() {
        let plain = import(&name, content.as_bytes());
        assert_eq!(plain.removed, Vec::<String>::new(), "{route}: lines taken from the report");
        let got = import(&name, furnished(&name, &content).as_bytes());
        assert_eq!(got.report.cells, plain.report.cells, "{route}: figures");
        for key in ["preamble", "overview", "problems", "other"] {
            let (g, p) = (got.report.text.get(key).unwrap(), plain.report.text.get(key).unwrap());
            assert_eq!(squash(g), squash(p), "{route}: text {key}");
        }
        assert_eq!((got.report.year, &got.report.organ), (plain.report.year, &plain.report.organ), "{route}");
        let removed: Vec<String> = got.removed.iter().map(|r| squash(r)).collect();
        for line in HEADER.iter().chain(FOOTER) {
            assert!(removed.contains(&squash(line)), "{route}: {line} not listed in {removed:?}");
        }
        assert!(got.findings.iter().all(|f| f.rule.id() != "text.page_furniture"), "{route}");
    }
}

#[test]
fn a_draft_with_furniture_pasted_in_is_warned() {
    let mut r = nianbao::report::Report::new(2024);
    r.text.other = "2024年未收取信息处理费。\n扫一扫在手机上查看当前页面\n相关链接".into();
    let f: Vec<_> =
        nianbao::rules::check(&r, None).into_iter().filter(|f| f.rule.id() == "text.page_furniture").collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].cells, ["text.other"]);
    assert!(f[0].message.contains("“扫一扫在手机上查看当前页面”等 2 行"), "{}", f[0].message);
}
