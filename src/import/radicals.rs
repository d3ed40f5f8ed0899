//! Ideographs some PDF producers map to their radical forms: Chromium and other Skia-based
//! printers, with common CJK fonts, write ToUnicode maps that give the Kangxi Radicals block
//! (⼀ U+2F00 for 一, ⾏ U+2F8F for 行) or the CJK Radicals Supplement (⺠ for 民, ⻓ for 长),
//! so "（⼀）⾏政许可" would match no label. They are never meant in a report's text.

/// The unified ideograph of each Kangxi radical, U+2F00 to U+2FD5 in order (Unicode NFKC).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// Radical supplement forms and their ideographs, in pairs (Unicode's EquivalentUnifiedIdeograph).
const SUPPLEMENT: &str = "⺀冫⺁厂⺄乙⺅亻⺆冂⺇几⺈刀⺉刂⺊卜⺌小⺍小⺎兀⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺝月⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺦丬⺨犭⺪疋⺬示⺭礻⺮竹⺷羊⺹耂⺻聿⺼月⻁虎⻂衤⻄西⻅见⻆角⻉贝⻋车⻌辶⻍辶⻏阝⻑長⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻰龙⻳龟";

/// `c`, or the ideograph a radical form stands for.
pub(crate) fn unify(c: char) -> char {
    match c {
        '\u{2f00}'..='\u{2fd5}' => KANGXI.chars().nth(c as usize - 0x2f00).unwrap_or(c),
        '\u{2e80}'..='\u{2ef3}' => {
            let mut pairs = SUPPLEMENT.chars();
            std::iter::from_fn(|| Some((pairs.next()?, pairs.next()?))).find(|&(r, _)| r == c).map_or(c, |(_, u)| u)
        }
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn radicals_become_ideographs() {
        let got: String = "（⼀）⾏政许可 ⼈⺠政府 ⻓三⻆ ⻔户".chars().map(super::unify).collect();
        assert_eq!(got, "（一）行政许可 人民政府 长三角 门户");
    }
}
