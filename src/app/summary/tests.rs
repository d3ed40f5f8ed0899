//! Component tests of 汇总与核查 in headless Chromium: files chosen through the view's own input,
//! the organ table, its filter, a duplicate left out until included, the 汇总 against a sum made
//! here; and the walk of a dropped folder over entries shaped like the browser's.

use super::read::{self, Choice};
use super::*;
use crate::app::tests::{tick, Mounted, FIXTURE};
use crate::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

/// The view, mounted open.
type View = Mounted<SummaryView>;

impl View {
    async fn mount() -> View {
        let view = Mounted::new(SummaryProps { open: true, on_close: Callback::noop() });
        tick().await;
        view
    }
    fn text(&self, selector: &str) -> String {
        self.el(selector).text_content().unwrap_or_default()
    }
    fn row(&self, name: &str) -> Element {
        self.el(&format!("[data-file-row='{name}']"))
    }
    fn attr(&self, name: &str, attr: &str) -> String {
        self.row(name).get_attribute(attr).unwrap_or_default()
    }
    async fn click(&self, selector: &str) {
        self.el(selector).unchecked_into::<HtmlElement>().click();
        tick().await;
    }
    /// Chooses `files` (name, bytes) through the file input, as a user would, and waits until
    /// they are read.
    async fn choose(&self, files: &[(&str, Vec<u8>)]) {
        let data = web_sys::DataTransfer::new().unwrap();
        let items = js_sys::Reflect::get(&data, &"items".into()).unwrap();
        let add: js_sys::Function = js_sys::Reflect::get(&items, &"add".into()).unwrap().unchecked_into();
        for (name, bytes) in files {
            let parts: js_sys::Array = [js_sys::Uint8Array::from(bytes.as_slice())].iter().collect();
            add.call1(&items, &web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap()).unwrap();
        }
        let input: HtmlInputElement = self.el("[data-action='summary-files']").unchecked_into();
        input.set_files(data.files().as_ref());
        input.dispatch_event(&Event::new("change").unwrap()).unwrap();
        for _ in 0..500 {
            tick().await;
            if self.all("[data-summary='progress']").is_empty() && !self.all("[data-file-row]").is_empty() {
                return;
            }
        }
        panic!("the files were not read");
    }
}

fn report(organ: &str, year: i32, figures: &[(&str, &str)]) -> Report {
    let mut r = json::from_str(FIXTURE).unwrap();
    r.organ = organ.into();
    r.year = year;
    // A department's own report (the fixture is a district's 汇总 report, which would be compared).
    r.scope = Scope::Own;
    for (path, raw) in figures {
        assert!(r.set(path, raw), "{path}");
    }
    r
}

fn bytes(r: &Report) -> Vec<u8> {
    json::to_string(r).into_bytes()
}

const NEW: &str = "applications.new_received.natural_person";
const GRANTED: &str = "applications.granted.natural_person";
const FEE: &str = "proactive.fees_wan_yuan";

#[wasm_bindgen_test]
async fn each_file_is_a_row_with_its_state_and_the_filter_keeps_the_troubled_ones() {
    let view = View::mount().await;
    let fixture = report("甲局", 2023, &[]);
    let new = fixture.raw(NEW).unwrap().parse::<u64>().unwrap();
    // Out of balance: one more new application than the outcomes account for.
    let broken = report("乙局", 2023, &[(NEW, &(new + 1).to_string())]);
    view.choose(&[
        ("甲.json", bytes(&fixture)),
        ("乙.json", bytes(&broken)),
        ("丙.json", bytes(&report("丙局", 2020, &[]))),
        ("损坏.json", b"{\"schema\": \"nianbao\", \"year\": 20".to_vec()),
        ("说明.txt", "这份文件只是一段说明，并不是年度报告。".as_bytes().to_vec()),
    ])
    .await;
    assert_eq!(view.all("[data-file-row]").len(), 5);
    let states = ["甲.json", "乙.json", "丙.json", "损坏.json", "说明.txt"].map(|n| view.attr(n, "data-state"));
    assert_eq!(states, ["passed", "errors", "passed", "unrecognised", "unrecognised"]);
    assert!(view.attr("乙.json", "data-rules").split(' ').any(|r| r == "balance"));
    assert_eq!(view.attr("丙.json", "data-role"), "other-year");
    assert_eq!(view.attr("损坏.json", "data-role"), "unreadable");
    assert!(view.row("损坏.json").text_content().unwrap().contains("无效的报告文件"), "the reason is in the row");
    assert!(view.text("[data-summary-tab='organs']").contains("5 份，3 份有问题"));

    view.click("[data-action='summary-errors-only']").await;
    let shown: Vec<String> =
        view.all("[data-file-row]").iter().map(|r| r.get_attribute("data-file-row").unwrap()).collect();
    assert_eq!(shown, ["乙.json", "损坏.json", "说明.txt"]);
    view.click("[data-action='summary-errors-only']").await;
    assert_eq!(view.all("[data-file-row]").len(), 5);

    // Sorted by errors, most first.
    view.click("[data-sort='errors']").await;
    view.click("[data-sort='errors']").await;
    assert_eq!(view.all("[data-file-row]")[0].get_attribute("data-file-row").as_deref(), Some("乙.json"));
}

/// While the copies are being looked for (another year chosen), the 问题清单 downloads wait and
/// say why: sent then, they would lack the copies without a word.
#[wasm_bindgen_test]
async fn the_problem_lists_wait_for_the_copies() {
    let files: Vec<File> = [report("甲局", 2023, &[]), report("乙局", 2023, &[])]
        .iter()
        .enumerate()
        .map(|(i, r)| File::json(&format!("{i}.json"), &bytes(r)))
        .collect();
    let later = Options { copies: CopySearch::Later, ..Options::default() };
    let mount = |summary: Summary| {
        Mounted::<organs::Organs>::new(organs::OrgansProps {
            files: Shared(Rc::new(files.clone())),
            summary: Shared(Rc::new(summary)),
            choices: Choices::default(),
            toggle: Callback::noop(),
            open_draft: Callback::noop(),
        })
    };
    let disabled = |view: &Mounted<organs::Organs>, action: &str| {
        let button = view.el(&format!("[data-action='{action}']"));
        (button.has_attribute("disabled"), button.get_attribute("title").unwrap_or_default())
    };
    let pending = mount(summary::summarise_with(&files, &[], &later));
    tick().await;
    for action in ["summary-issues", "summary-xlsx"] {
        let (off, title) = disabled(&pending, action);
        assert!(off && title.contains("正在比对"), "{action}: {title}");
    }
    drop(pending);
    let found = mount(summary::summarise_with(&files, &[], &Options::default()));
    tick().await;
    assert_eq!(disabled(&found, "summary-issues"), (false, String::new()));
}

#[wasm_bindgen_test]
async fn the_total_is_the_sum_and_a_duplicate_counts_only_once_included() {
    let view = View::mount().await;
    let a = report("甲局", 2023, &[(NEW, "7"), (GRANTED, "7"), (FEE, "0.1")]);
    let b = report("乙局", 2023, &[(NEW, "30"), (GRANTED, "30"), (FEE, "435.18246")]);
    let again = report("甲局", 2023, &[(NEW, "7"), (GRANTED, "7"), (FEE, "0.1")]);
    view.choose(&[("a.json", bytes(&a)), ("b.json", bytes(&b)), ("a-again.json", bytes(&again))]).await;
    assert_eq!(view.attr("a-again.json", "data-role"), "duplicate");
    assert!(view.row("a-again.json").text_content().unwrap().contains("与「a.json」重复"));

    let total = |view: &View, path: &str| view.text(&format!("[data-summary='total'] [data-cell='{path}']"));
    view.click("[data-summary-tab='total']").await;
    // Every typed figure of the 汇总 is the sum of the two reports' figures.
    let summed = [&a, &b];
    for (i, def) in crate::form::cells().iter().enumerate().filter(|(_, d)| !d.derived) {
        let want = match def.kind {
            crate::form::Kind::Count => summed
                .iter()
                .map(|r| r.cells[i].as_deref().map_or(0, |v| v.parse::<u64>().unwrap()))
                .sum::<u64>()
                .to_string(),
            crate::form::Kind::Fee => continue,
        };
        if summed.iter().any(|r| r.cells[i].is_some()) {
            assert_eq!(total(&view, &def.path), want, "{}", def.path);
        }
    }
    assert_eq!(total(&view, FEE), "435.28246", "0.1 + 435.18246 exactly");
    assert_eq!(total(&view, NEW), "37");
    assert!(view.text("[data-summary-tab='total']").contains("2 份"));

    view.click("[data-summary-tab='organs']").await;
    view.click("[data-file-row='a-again.json'] [data-action='summary-include']").await;
    assert_eq!(view.attr("a-again.json", "data-role"), "summed");
    view.click("[data-summary-tab='total']").await;
    assert_eq!(total(&view, NEW), "44", "included, the duplicate is summed");
    assert_eq!(total(&view, FEE), "435.38246");
}

#[wasm_bindgen(inline_js = r#"
export function fakeFile(path, text) {
  const name = path.split('/').pop();
  return { isFile: true, isDirectory: false, name, fullPath: '/' + path, file: (ok) => ok(new File([text], name)) };
}
export function fakeFolder(path, children, readable = true) {
  const folder = { isFile: false, isDirectory: true, name: path.split('/').pop(), fullPath: '/' + path, reads: 0 };
  folder.createReader = () => {
    let at = 0;
    // As Chromium's: at most 100 entries a call, later and asynchronously.
    return { readEntries(ok, no) {
      folder.reads += 1;
      const batch = children.slice(at, at + 100);
      at += batch.length;
      setTimeout(() => (readable ? ok(batch) : no(new DOMException('gone', 'NotFoundError'))));
    } };
  };
  return folder;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = fakeFile)]
    fn fake_file(path: &str, text: &str) -> JsValue;
    #[wasm_bindgen(js_name = fakeFolder)]
    fn fake_folder(path: &str, children: js_sys::Array, readable: bool) -> JsValue;
}

#[wasm_bindgen_test]
async fn a_dropped_folder_is_walked_to_its_last_file() {
    let reports: js_sys::Array = (0..250).map(|i| fake_file(&format!("县/{i:03}.json"), "{}")).collect();
    let inner: js_sys::Array =
        [fake_file("县/乡镇/甲镇.docx", "x"), fake_file("县/乡镇/照片.png", "x")].iter().collect();
    reports.push(&fake_folder("县/乡镇", inner, true));
    reports.push(&fake_file("县/.DS_Store", ""));
    let folder = fake_folder("县", reports, true);
    let dropped: js_sys::Array =
        [folder.clone(), fake_file("本级.json", "{}"), fake_folder("坏", js_sys::Array::new(), false)].iter().collect();

    let found = read::walk_entries(dropped).await.expect("walked");
    // Its 252 entries are read in three batches of up to 100, then once more to an empty one.
    assert_eq!(js_sys::Reflect::get(&folder, &"reads".into()).unwrap().as_f64(), Some(4.0));
    let names: Vec<&str> = found.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), 250 + 2 + 1 + 1 + 1);
    assert_eq!(names[..2], ["县/000.json", "县/001.json"]);
    assert!(names.contains(&"县/乡镇/甲镇.docx") && names.contains(&"本级.json"));
    assert!(found.iter().filter(|c| c.name != "坏/").all(|c| c.file.is_some()));

    let choice = Choice::new(found);
    assert_eq!(choice.skipped, ["县/乡镇/照片.png", "县/.DS_Store"]);
    assert_eq!(choice.files.len(), 250 + 1 + 1 + 1, "the reports, 本级.json, and the unreadable folder");
    let gone = choice.files.iter().find(|c| c.name == "坏/").expect("a row for the folder");
    let bytes = read::Fetch::start(std::slice::from_ref(gone)).bytes().await;
    assert!(bytes[0].as_ref().unwrap_err().contains("请改用“或选择文件夹”"));
}

#[wasm_bindgen_test]
fn files_are_fetched_in_batches_of_at_most_64_files_and_16_mb() {
    assert_eq!(read::batches(&[1.0; 130]), [0..64, 64..128, 128..130]);
    assert_eq!(read::batches(&[10e6, 10e6, 1.0, 5e6]), [0..1, 1..4]);
    // A file over the 50 MB limit is never fetched: it weighs nothing in its batch.
    let one = read::batches(&[60e6, 10e6]);
    assert_eq!((one.len(), one[0].clone()), (1, 0..2));
    assert!(read::batches(&[]).is_empty());
}
