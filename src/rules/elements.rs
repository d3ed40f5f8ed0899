//! `text.element_missing`: what the format asks each text part to cover (国办公开办函〔2021〕30号):
//! part 一 the five aspects, part 五 the problems found and the 改进举措, both specific.
//!
//! Deliberately conservative: an aspect counts as covered when any of many words real reports use
//! for it stands anywhere in the part (numbered or not, two aspects in one paragraph, one under
//! another's heading). Only a part that plainly lacks it is named: a false alarm teaches users to
//! ignore warnings.

use super::{finding, Finding, Rule};
use crate::report::Report;
use crate::words::Words;
use std::sync::LazyLock;

/// An aspect the format names, and the words that show a text covers it.
pub(super) struct Aspect {
    /// In the format's words.
    name: &'static str,
    pub(super) words: &'static [&'static str],
}

/// Part 一's five aspects (一、报告内容（一）总体情况).
pub(super) const OVERVIEW: [Aspect; 5] = [
    Aspect {
        name: "主动公开",
        words: &[
            "主动公开",
            "主动发布",
            "公开政府信息",
            "发布政府信息",
            "公开信息",
            "发布信息",
            "信息发布",
            "政策解读",
            "解读",
            "回应关切",
            "回应社会关切",
            "发布会",
            "公开各类",
            "重点领域",
        ],
    },
    Aspect {
        name: "依申请公开",
        words: &["依申请", "公开申请", "申请公开", "申请人", "新收", "受理申请", "申请件", "答复"],
    },
    Aspect {
        name: "政府信息管理",
        words: &[
            "信息管理",
            "保密审查",
            "公开属性",
            "源头认定",
            "审核",
            "审查",
            "规范性文件",
            "规章",
            "公开目录",
            "公开指南",
            "动态更新",
            "动态调整",
            "清理",
            "归档",
            "三审三校",
        ],
    },
    Aspect {
        name: "政府信息公开平台建设",
        words: &[
            "平台",
            "网站",
            "新媒体",
            "公众号",
            "微博",
            "公报",
            "专区",
            "专栏",
            "栏目",
            "查阅点",
            "查阅场所",
            "客户端",
            "APP",
            "App",
            "热线",
        ],
    },
    Aspect {
        name: "监督保障",
        words: &[
            "监督", "考核", "评议", "追究", "问责", "培训", "督查", "督促", "督办", "检查", "保障", "考评", "评估",
            "测评", "通报",
        ],
    },
];

/// Words of a clause that states a problem.
const PROBLEM: &[&str] = &[
    "问题",
    "不足",
    "短板",
    "差距",
    "薄弱",
    "有待",
    "不够",
    "欠缺",
    "缺乏",
    "仍需",
    "还需",
    "尚需",
    "亟需",
    "亟待",
    "不到位",
    "不平衡",
    "不充分",
    "滞后",
    "不及时",
    "不规范",
    "不完善",
    "不健全",
    "单一",
    "较少",
    "偏少",
    "不高",
    "不强",
    "不深",
    "不全面",
    "不精准",
    "不统一",
    "困难",
];

/// Words of a clause that states what will be (or was) done.
const IMPROVE: &[&str] = &[
    "下一步",
    "今后",
    "将",
    "拟",
    "计划",
    "举措",
    "措施",
    "整改",
    "改进",
    "加强",
    "强化",
    "推进",
    "推动",
    "提升",
    "提高",
    "完善",
    "优化",
    "健全",
    "深化",
    "规范",
    "落实",
    "开展",
    "建立",
    "组织",
];

/// Words that make a clause with an [`IMPROVE`] verb a need stated, not a step taken
/// (“队伍建设还需进一步加强” is a problem).
const NEED: &[&str] = &["有待", "还需", "仍需", "尚需", "需要", "亟需", "亟待", "不够", "不足", "欠缺", "存在"];

/// Words of a clause that only points at problems stated elsewhere (“针对上述问题”).
const MENTIONS: &[&str] = &["针对", "以上问题", "上述问题", "发现的问题", "这些问题", "反馈的问题", "反馈问题"];

/// Things of the work a specific problem or step names; a part 五 naming none of them speaks
/// only in general words (“工作还存在一些不足……将进一步加强”).
const OBJECTS: &[&str] = &[
    "解读",
    "栏目",
    "网站",
    "新媒体",
    "公众号",
    "平台",
    "申请",
    "答复",
    "队伍",
    "人员",
    "培训",
    "目录",
    "指南",
    "专区",
    "公报",
    "规范性文件",
    "数据",
    "标准",
    "基层",
    "领域",
    "发布",
    "更新",
    "审核",
    "审查",
    "保密",
    "回应",
    "互动",
    "考核",
    "监督",
    "流程",
    "文书",
    "复议",
    "诉讼",
    "意识",
    "深度",
    "广度",
    "时效",
    "形式",
    "专栏",
    "模板",
    "台账",
    "案例",
    "学习",
    "干部",
    "分类",
    "整理",
    "宣传",
    "动态",
    "时效",
    "信息质量",
    "范围",
    "政策",
    "决策",
    "会议",
    "预决算",
    "财政",
    "检查",
    "评估",
    "指标",
];

/// A half of part 五 (its problems, or its steps) this long or longer is never called general.
const GENERAL_CHARS: usize = 80;

/// `overview`: part 一 without white space.
pub(super) fn check(report: &Report, overview: &[char], out: &mut Vec<Finding>) {
    if !overview.is_empty() {
        static ASPECTS: LazyLock<Vec<Words>> = LazyLock::new(|| OVERVIEW.iter().map(|a| Words::new(a.words)).collect());
        let missing: Vec<&str> =
            OVERVIEW.iter().zip(&*ASPECTS).filter(|(_, w)| !w.in_chars(overview)).map(|(a, _)| a.name).collect();
        if !missing.is_empty() {
            out.push(finding(
                Rule::TextElementMissing,
                vec!["text.overview".into()],
                format!(
                    "「一、总体情况」未写到{}方面：格式要求总体情况包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等方面",
                    missing.iter().map(|m| format!("“{m}”")).collect::<Vec<_>>().join("、")
                ),
            ));
        }
    }
    if let Some(msg) = problems_gap(&report.text.problems) {
        out.push(finding(Rule::TextElementMissing, vec!["text.problems".into()], msg));
    }
}

/// What part 五 lacks, in words, if anything: the problems, the 改进举措, or anything specific.
fn problems_gap(text: &str) -> Option<String> {
    let plain: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if plain.is_empty() {
        return None;
    }
    static LISTS: LazyLock<[Words; 5]> = LazyLock::new(|| [PROBLEM, MENTIONS, IMPROVE, NEED, OBJECTS].map(Words::new));
    let [problem, mentions, improve, need, objects] = &*LISTS;
    let has = |clause: &str, words: &Words| words.in_text(clause);
    let clauses: Vec<&str> =
        plain.split(['，', '。', '；', '：', ',', ';', ':', '！', '？']).filter(|c| !c.is_empty()).collect();
    let problems: Vec<&str> = clauses.iter().copied().filter(|c| has(c, problem) && !has(c, mentions)).collect();
    let steps: Vec<&str> =
        clauses.iter().copied().filter(|c| has(c, improve) && !has(c, need) && !has(c, problem)).collect();
    const HEAD: &str = "「五、存在的主要问题及改进情况」";
    const ASK: &str = "（格式要求“实事求是、明确具体”，查找问题要有针对性，改进举措要有实效性）";
    match (problems.is_empty(), steps.is_empty()) {
        (true, true) => return Some(format!("{HEAD}未写明存在的问题和改进举措{ASK}")),
        (true, false) => return Some(format!("{HEAD}未写明存在的主要问题{ASK}")),
        (false, true) => return Some(format!("{HEAD}未写明改进举措{ASK}")),
        (false, false) => {}
    }
    // Only a short half is judged: a longer one names something even in words not listed.
    let general = |cs: &[&str]| {
        !cs.iter().any(|c| has(c, objects)) && cs.iter().map(|c| c.chars().count()).sum::<usize>() < GENERAL_CHARS
    };
    match (general(&problems), general(&steps)) {
        (true, true) => Some(format!("{HEAD}只有笼统表述，未写明具体的问题和改进举措{ASK}")),
        (true, false) => Some(format!("{HEAD}所写问题只有笼统表述，未写明具体是哪方面的问题{ASK}")),
        (false, true) => Some(format!("{HEAD}所写改进举措只有笼统表述，未写明具体做什么{ASK}")),
        (false, false) => None,
    }
}
