//! Every rule as a type: its stable id, its level and its summary stand in one list, so a finding
//! can name no rule that is not listed, nor carry a level other than its rule's.

use super::Level;
use serde::{Deserialize, Serialize};

/// Declares [`Rule`] and its table from one list of `Variant = "id", Level, "summary";`.
macro_rules! rules {
    ($($variant:ident = $id:literal, $level:ident, $summary:literal;)*) => {
        /// A rule of the report (ids are stable: files, the CLI's output and the page carry them).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($variant,)*
        }

        impl Rule {
            /// Every rule, in the order documentation and `nianbao rules` list them.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable id (`cell.integer`, `balance`, …).
            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            pub fn level(self) -> Level {
                match self {
                    $(Rule::$variant => Level::$level,)*
                }
            }

            /// What the rule asks, in a sentence of the form's words.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Rule::$variant => $summary,)*
                }
            }
        }
    };
}

rules! {
    CellInteger = "cell.integer", Error, "件数应为整数";
    CellNonNegative = "cell.non_negative", Error, "数字不能为负";
    CellDecimal = "cell.decimal", Error, "收费金额应为不超过 6 位小数的数字";
    CellRange = "cell.range", Error, "数字不超过 10^12";
    CellMissing = "cell.missing", Warning, "数字未填写（空白不等于 0）";
    CellOutlier = "cell.outlier", Warning, "与上年相比超过 10 倍或不足十分之一（均不少于 100）";
    Balance = "balance", Error, "表B 各列：一加二等于三（七）总计加四";
    BalancePending = "balance.pending", Warning, "表B 某列有不是数字的内容，改正后才能核对勾稽关系";
    PrevCarriedOver = "prev.carried_over", Error, "本年上年结转等于上年结转下年度继续办理";
    PrevInForce = "prev.in_force", Warning, "现行有效件数等于上年现行有效加本年制发减本年废止";
    TextRequired = "text.required", Warning, "第一、五、六部分不应为空";
    TextOverviewLength = "text.overview_length", Warning, "总体情况原则上不超过一千字";
    TextFeeStatement = "text.fee_statement", Warning, "第六部分应报告信息处理费收取情况";
    TextRepeated = "text.repeated", Warning, "存在的主要问题及改进情况与上年雷同";
    NarrativeFigure = "narrative.figure", Warning, "正文中的数字与表格不符";
    AggregateSum = "aggregate.sum", Warning, "汇总报告的数字与各报告合计不符";
    TextSimilarToOtherOrgan = "text.similar_to_other_organ", Warning, "正文与同年度其他单位的报告大部分相同（雷同；年份、数字和机关名称不计）";
    TablesIdenticalToOtherOrgan = "tables.identical_to_other_organ", Warning, "三张表的数字与同年度其他单位的报告逐格相同";
    TextStaleYear = "text.stale_year", Warning, "开头或总体情况仍以上一年为报告期、写“截至上年底”，或留有上年报告的发布日期（多为从上年报告复制）";
    TextElementMissing = "text.element_missing", Warning, "总体情况缺少格式要求的方面，或存在问题及改进情况缺少问题、改进举措或只有笼统表述";
    TextSimilarToLastYear = "text.similar_to_last_year", Warning, "正文与上年报告重复超过一半（年份、数字和机关名称不计）";
    TextPageFurniture = "text.page_furniture", Warning, "正文中留有网页上的内容（来源、浏览次数、分享、相关链接、备案号等）";
    MetaOrganMissing = "meta.organ_missing", Warning, "机关名称未填写";
    ImportTotalMismatch = "import.total_mismatch", Error, "导入文件印出的合计与计算结果不符";
}

impl Rule {
    /// The rule of an id, if it is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rule, D::Error> {
        let id = std::borrow::Cow::<str>::deserialize(d)?;
        Rule::from_id(&id).ok_or_else(|| serde::de::Error::custom(format!("unknown rule {id}")))
    }
}
