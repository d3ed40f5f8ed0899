//! What a government site prints around its report — share buttons, 来源/发布时间/浏览次数 lines,
//! 字号 and 打印 controls, 附件下载, 相关链接 and 友情链接 lists, 扫一扫, 备案号 and 网站标识码,
//! footers, script or attribute fragments — told by its shape, not by one site's words: a line
//! made only of such controls and labels with their values, a line carrying a mark no report
//! sentence carries (ICP备, 网站标识码, 扫一扫), markup left over, a breadcrumb, and the short
//! link lines under a 相关链接 heading. Used by the importer (`import::furniture`, which keeps what it takes out for the review) and by
//! `text.page_furniture` on a draft.

/// Words that stand alone as a site's controls and section labels.
const CONTROLS: &[&str] = &[
    "微信",
    "微博",
    "QQ空间",
    "QQ",
    "朋友圈",
    "分享",
    "分享到",
    "收藏",
    "打印",
    "打印本页",
    "打印此页",
    "关闭",
    "关闭窗口",
    "关闭本页",
    "全真版",
    "文字版",
    "图片版",
    "文件下载",
    "附件下载",
    "附件",
    "相关附件",
    "相关链接",
    "友情链接",
    "相关文章",
    "相关阅读",
    "相关信息",
    "相关新闻",
    "返回顶部",
    "回到顶部",
    "返回",
    "上一篇",
    "下一篇",
    "大",
    "中",
    "小",
    "默认",
    "字号",
    "字体",
    "【",
    "】",
    "[",
    "]",
    "扫一扫",
    "二维码",
    "纠错",
    "我要纠错",
    "无障碍",
    "长者模式",
    "适老化",
    "网站地图",
    "联系我们",
    "首页",
    "登录",
    "注册",
    "English",
    "简体",
    "繁体",
    "繁體",
    "手机版",
    "移动版",
    "保存",
    "下载",
    "阅读",
    "播报",
    "语音播报",
    "视力保护色",
    "护眼",
];

/// Labels a site gives its metadata, each followed by a value on the same line.
const LABELS: &[&str] = &[
    "来源",
    "信息来源",
    "文章来源",
    "发布时间",
    "发布日期",
    "时间",
    "日期",
    "作者",
    "编辑",
    "责任编辑",
    "审核",
    "浏览次数",
    "浏览量",
    "点击数",
    "点击量",
    "点击",
    "阅读次数",
    "阅读量",
    "访问次数",
    "访问量",
    "字号",
    "选择阅读字号",
    "发布机构",
    "发布单位",
    "索引号",
    "主题分类",
    "分类",
    "发文机关",
    "成文日期",
    "文号",
    "有效性",
    "信息分类",
];

/// Marks no report sentence carries: a line holding one is the site's, if short.
const MARKS: &[&str] = &[
    "扫一扫",
    "ICP备",
    "ICP证",
    "备案号",
    "网站标识码",
    "公网安备",
    "版权所有",
    "Copyright",
    "copyright",
    "技术支持",
    "主办单位",
    "承办单位",
    "维护单位",
    "主办：",
    "承办：",
    "建议您使用",
    "建议使用",
    "浏览器",
    "分辨率",
    "当前位置",
    "您现在的位置",
    "您当前的位置",
    "在手机上查看",
    "手机打开",
    "javascript",
    "document.write",
];

/// Headings of the link lists that follow a page's report.
pub const LIST_HEADINGS: &[&str] =
    &["相关链接", "友情链接", "相关文章", "相关阅读", "相关信息", "相关新闻", "热点新闻", "推荐阅读", "猜你喜欢"];

/// A line this short or shorter (characters) may be furniture by a mark; a longer one is prose.
const SHORT: usize = 80;

/// Whether a line of text is page furniture (also used by `text.page_furniture` on a draft).
pub fn is_furniture(text: &str) -> bool {
    let t = text.trim();
    if t.is_empty() {
        return false;
    }
    if t.chars().nth(SHORT).is_none() && MARKS.iter().any(|m| t.contains(m)) {
        return true;
    }
    markup(t) || breadcrumb(t) || all_controls(t)
}

/// Markup or script left over: `0">`, `<a href=…`, `var x = …;`.
fn markup(t: &str) -> bool {
    // A wrapped line of a report can hold a link's end (「tp://www.qg.gov.cn/>)“政府信息公开年报」):
    // markup has at most two characters of Chinese, which the report's prose passes at once.
    let (mut words, mut ascii, mut all) = (0, 0, 0);
    for c in t.chars().filter(|c| !c.is_whitespace()) {
        words += usize::from(('\u{4e00}'..='\u{9fff}').contains(&c));
        if words > 2 {
            return false;
        }
        ascii += usize::from(c.is_ascii());
        all += 1;
    }
    let marks = ["\">", "=\"", "='", "/>", "</", "<a ", "<img", "<div", "<span", "function(", "();"];
    ascii * 2 > all && marks.iter().any(|m| t.contains(m))
}

/// 「首页 > 政务公开 > 年度报告」.
fn breadcrumb(t: &str) -> bool {
    if !t.contains("首页") {
        return false;
    }
    let parts: Vec<&str> = t.split(['>', '›', '»', '＞']).map(str::trim).collect();
    parts.len() >= 3 && parts.iter().all(|p| p.chars().count() <= 16)
}

/// A line made only of controls, metadata labels with their values, dates, times and counts:
/// 「发布时间：2025-01-20 10:50 来源：区机关事务管理局 字号：[ 大 中 小 ] 打印 关闭」.
fn all_controls(t: &str) -> bool {
    let mut saw_control = false;
    let mut tokens = t.split(|c: char| c.is_whitespace() || matches!(c, '|' | '丨' | '/' | '·' | '｜')).peekable();
    while let Some(tok) = tokens.next() {
        let tok = tok.trim_matches(|c: char| matches!(c, '【' | '】' | '[' | ']' | '(' | ')' | '（' | '）'));
        if tok.is_empty() {
            continue;
        }
        let bare = tok.trim_end_matches([':', '：']);
        if CONTROLS.contains(&bare) {
            // 「大」「中」 alone are words of a report too; beside 字号 or 打印 they are controls.
            saw_control |= bare.chars().count() > 1;
            continue;
        }
        // A label and its colon, the value after it or in the next token (「来源： 区政府办」).
        let labelled = LABELS.iter().find_map(|l| tok.strip_prefix(*l)).filter(|r| r.starts_with([':', '：']));
        if let Some(rest) = labelled {
            if rest.chars().count() == 1 {
                tokens.next();
            }
            saw_control = true;
            continue;
        }
        if tok.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ':' | '：' | '.' | '年' | '月' | '日' | '次'))
        {
            continue;
        }
        return false;
    }
    saw_control
}

/// A short line of a link list: a title, perhaps dated, with no sentence in it.
pub fn is_link_line(t: &str) -> bool {
    let n = t.chars().count();
    n > 0 && n <= 40 && !t.contains(['。', '；', '：', '，']) && !t.starts_with(|c: char| "一二三四五六".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_lines_are_furniture_and_report_lines_are_not() {
        for f in [
            "来源：区政务公开办 微信 微博 QQ空间",
            "全真版 / 文字版 / 文件下载",
            "发布时间:2025-01-20 10:50 来源:区机关事务管理局 选择阅读字号:[ 大 中 小 ]",
            "2022-01-20 作者:佚名 点击数:",
            "【打印本页】 【关闭窗口】",
            "扫一扫在手机上查看当前页面",
            "扫一扫在手机打开当前页",
            "苏ICP备05009052号-1",
            "网站标识码：3208130001 苏公网安备 32081302000123号",
            "主办：淮安市洪泽区人民政府办公室 承办：区大数据管理局",
            "建议您使用IE9以上浏览器，1280*800以上分辨率浏览本站",
            "0\">",
            "<a href=\"/col/index.html\" target=\"_blank\">",
            "首页 > 政务公开 > 政府信息公开年报",
            "浏览次数：1024",
            "相关链接",
            "相关附件：",
        ] {
            assert!(is_furniture(f), "{f}");
        }
        for r in [
            "一、总体情况",
            "tp://www.qg.gov.cn/>)“政府信息公开年报”专栏公布,并报送泉港区档案馆、",
            "2024年，我区在政府网站平台主动公开政府信息1136条。",
            "（四）政府信息公开平台建设情况。加强对区政府网站、政务新媒体动态全面监管。",
            "本报告全文在泉州市泉港区人民政府网站(<http://www.qg.gov.cn/>)“政府信息公开年报”专栏公布。",
            "如对本报告有疑问，请与区政府办公室联系（地址：洪泽湖大道90号，电话：0517-87222589）。",
            "行政许可",
            "第二十条第（五）项",
            "2023年未收取信息处理费。",
            "大",
            "通过微信公众号、微博发布政务信息141篇。",
            "淮安市洪泽区人民政府",
            "2025年1月23日",
        ] {
            assert!(!is_furniture(r), "{r}");
        }
    }
}
