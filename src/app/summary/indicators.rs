//! The indicators tab: 实质公开率, 纠错率, 无法提供 and 不予处理 shares per organ and in total,
//! the thresholds stated beside them (a rate past one is said in words, not by colour alone), and
//! the organs ranked by the indicator chosen, worst first.

use super::Shared;
use crate::summary::indicators::{self, Indicator, Indicators, Rate, THRESHOLDS};
use crate::summary::{File, Role, Summary};
use yew::prelude::*;

fn indicator_of(key: &str) -> Indicator {
    THRESHOLDS.iter().find(|t| t.key == key).map_or(Indicator::Disclosure, |t| t.indicator)
}

/// A rate's cell: the percentage, the figures it comes from, and whether it is past its threshold.
fn cell(ind: &Indicators, flagged: &[&indicators::Threshold], i: Indicator) -> Html {
    let rate: Rate = ind.get(i);
    let past = flagged.iter().any(|t| t.indicator == i);
    html! {
        <td class={classes!("n", past.then_some("swing"))} data-indicator={THRESHOLDS.iter().find(|t| t.indicator == i).map(|t| t.key)}
            data-flagged={past.then_some("")}>
            { rate.percent() }
            <small>{ format!("{} / {}", rate.part, rate.base) }</small>
            if past { <small>{ "超过阈值" }</small> }
        </td>
    }
}

#[derive(Properties, PartialEq)]
struct TableProps {
    files: Shared<Vec<File>>,
    summary: Shared<Summary>,
}

#[function_component]
fn Table(props: &TableProps) -> Html {
    let by = use_state(|| Indicator::Disclosure);
    let s = &props.summary;
    let organs: Vec<(usize, Indicators)> =
        s.rows.iter().filter(|r| r.role == Role::Summed).filter_map(|r| Some((r.file, r.indicators?))).collect();
    let ranked = indicators::ranking(&organs, *by);
    let unranked = organs.iter().filter(|(f, _)| !ranked.contains(f)).map(|(f, _)| *f);
    let order: Vec<usize> = ranked.iter().copied().chain(unranked).collect();
    let lines = order.iter().enumerate().map(|(n, &f)| {
        let ind = organs.iter().find(|(i, _)| *i == f).map(|(_, ind)| *ind).unwrap_or_default();
        let flagged = ind.flagged();
        let organ = props.files[f].report().map_or("", |r| r.organ.trim()).to_string();
        let rank = if n < ranked.len() { (n + 1).to_string() } else { "—".into() };
        html! {
            <tr data-indicator-organ={organ.clone()}>
                <td class="n">{ rank }</td>
                <th scope="row">{ organ }</th>
                { for THRESHOLDS.iter().map(|t| cell(&ind, &flagged, t.indicator)) }
            </tr>
        }
    });
    let total_flagged = s.indicators.flagged();
    let onchange = {
        let by = by.clone();
        move |e: Event| {
            let value =
                e.target().and_then(|t| js_sys::Reflect::get(&t, &"value".into()).ok()).and_then(|v| v.as_string());
            by.set(indicator_of(&value.unwrap_or_default()));
        }
    };
    let options = THRESHOLDS.iter().map(|t| {
        html! { <option value={t.key} selected={t.indicator == *by}>{ t.label }</option> }
    });
    html! {
        <div class="summary-indicators" data-summary="indicators">
            <ul class="summary-thresholds" data-summary="thresholds">
                { for THRESHOLDS.iter().map(|t| html! { <li><b>{ t.label }</b>{ format!(" = {}；提示：{}", t.formula, t.describe()) }</li> }) }
            </ul>
            <div class="summary-actions">
                <label for="summary-rank-by">{ "排名依据：" }</label>
                <select id="summary-rank-by" data-action="summary-rank-by" {onchange}>{ for options }</select>
                <span class="muted">{ "由差到好（实质公开率由低到高，其余由高到低）；办理结果为 0 的不排名。" }</span>
            </div>
            <table class="summary-table compare" aria-label="各机关指标">
                <thead><tr>
                    <th scope="col">{ "排名" }</th><th scope="col">{ "机关" }</th>
                    { for THRESHOLDS.iter().map(|t| html! { <th scope="col">{ t.label }</th> }) }
                </tr></thead>
                <tbody>
                    <tr class="total" data-indicator-organ="合计">
                        <td></td><th scope="row">{ format!("合计（{} 份）", organs.len()) }</th>
                        { for THRESHOLDS.iter().map(|t| cell(&s.indicators, &total_flagged, t.indicator)) }
                    </tr>
                    { for lines }
                </tbody>
            </table>
        </div>
    }
}

/// The tab's content.
pub fn view(files: &Shared<Vec<File>>, summary: &Shared<Summary>) -> Html {
    html! { <Table files={files.clone()} summary={summary.clone()} /> }
}
