//! Ideographs some PDF producers map to their radical forms: Chromium and other Skia-based
//! printers, with common CJK fonts, write ToUnicode maps that give the Kangxi Radicals block
//! (⼀ U+2F00 for 一, ⾏ U+2F8F for 行) or the CJK Radicals Supplement (⺠ for 民, ⻓ for 长),
//! so "（⼀）⾏政许可" would match no label. Fonts that hold a second glyph of an ideograph map it
//! to a CJK Compatibility Ideograph (行 U+FA08, 不 U+F967, 年 U+F98E). None is meant in a
//! report's text.

/// The unified ideograph of each Kangxi radical, U+2F00 to U+2FD5 in order (Unicode NFKC).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// Radical supplement forms and their ideographs, in pairs (Unicode's EquivalentUnifiedIdeograph).
const SUPPLEMENT: &str = "⺀冫⺁厂⺄乙⺅亻⺆冂⺇几⺈刀⺉刂⺊卜⺌小⺍小⺎兀⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺝月⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺦丬⺨犭⺪疋⺬示⺭礻⺮竹⺷羊⺹耂⺻聿⺼月⻁虎⻂衤⻄西⻅见⻆角⻉贝⻋车⻌辶⻍辶⻏阝⻑長⻓长⻔门⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻰龙⻳龟";

/// The unified ideograph of each CJK Compatibility Ideograph, U+F900 to U+FAFF in order (Unicode
/// NFKC); an unassigned code point stands for itself.
const COMPATIBILITY: &str = "豈更車賈滑串句龜龜契金喇奈懶癩羅蘿螺裸邏樂洛烙珞落酪駱亂卵欄爛蘭鸞嵐濫藍襤拉臘蠟廊朗浪狼郎來冷勞擄櫓爐盧老蘆虜路露魯鷺碌祿綠菉錄鹿論壟弄籠聾牢磊賂雷壘屢樓淚漏累縷陋勒肋凜凌稜綾菱陵讀拏樂諾丹寧怒率異北磻便復不泌數索參塞省葉說殺辰沈拾若掠略亮兩凉梁糧良諒量勵呂女廬旅濾礪閭驪麗黎力曆歷轢年憐戀撚漣煉璉秊練聯輦蓮連鍊列劣咽烈裂說廉念捻殮簾獵令囹寧嶺怜玲瑩羚聆鈴零靈領例禮醴隸惡了僚寮尿料樂燎療蓼遼龍暈阮劉杻柳流溜琉留硫紐類六戮陸倫崙淪輪律慄栗率隆利吏履易李梨泥理痢罹裏裡里離匿溺吝燐璘藺隣鱗麟林淋臨立笠粒狀炙識什茶刺切度拓糖宅洞暴輻行降見廓兀嗀﨎﨏塚﨑晴﨓﨔凞猪益礼神祥福靖精羽﨟蘒﨡諸﨣﨤逸都﨧﨨﨩飯飼館鶴郞隷侮僧免勉勤卑喝嘆器塀墨層屮悔慨憎懲敏既暑梅海渚漢煮爫琢碑社祉祈祐祖祝禍禎穀突節練縉繁署者臭艹艹著褐視謁謹賓贈辶逸難響頻恵𤋮舘﩮﩯並况全侀充冀勇勺喝啕喙嗢塚墳奄奔婢嬨廒廙彩徭惘慎愈憎慠懲戴揄搜摒敖晴朗望杖歹殺流滛滋漢瀞煮瞧爵犯猪瑱甆画瘝瘟益盛直睊着磌窱節类絛練缾者荒華蝹襁覆視調諸請謁諾諭謹變贈輸遲醙鉶陼難靖韛響頋頻鬒龜𢡊𢡄𣏕㮝䀘䀹𥉉𥳐𧻓齃龎﫚﫛﫜﫝﫞﫟﫠﫡﫢﫣﫤﫥﫦﫧﫨﫩﫪﫫﫬﫭﫮﫯﫰﫱﫲﫳﫴﫵﫶﫷﫸﫹﫺﫻﫼﫽﫾﫿";

/// `c`, or the ideograph a radical form or a compatibility ideograph stands for.
pub(crate) fn unify(c: char) -> char {
    match c {
        '\u{f900}'..='\u{faff}' => COMPATIBILITY.chars().nth(c as usize - 0xf900).unwrap_or(c),
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
        let got: String =
            "（⼀）⾏政许可 ⼈⺠政府 ⻓三⻆ ⻔户 \u{fa08}政\u{f967}予公开".chars().map(super::unify).collect();
        assert_eq!(got, "（一）行政许可 人民政府 长三角 门户 行政不予公开");
    }
}
