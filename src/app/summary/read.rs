//! Reading what the user chose or dropped: every file of a dropped folder (recursively), the
//! files' bytes fetched a batch at a time, each file read and checked into a [`File`].

use super::super::files::read_report;
use crate::limits::{self, MAX_FILE_BYTES};
use crate::summary::{self, File};
use std::ops::Range;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A file to read and the name it is shown by: its path inside a chosen or dropped folder, or
/// its name. `None`: the browser would not give the file (it is said in the file's row).
pub struct Chosen {
    pub name: String,
    pub file: Option<web_sys::File>,
}

impl Chosen {
    /// Whether the file came from inside a folder (the folder input, or a dropped folder).
    fn in_folder(&self) -> bool {
        self.name.contains('/')
    }
}

/// What the user chose: the files to read, and the names of the files of a folder that are not
/// report files (skipped, and said).
#[derive(Default)]
pub struct Choice {
    pub files: Vec<Chosen>,
    pub skipped: Vec<String>,
}

impl Choice {
    /// Sorts `chosen` out: a file the user chose by itself is always read (its row says what it
    /// is); one found in a folder only when it is a kind of report file.
    pub fn new(chosen: Vec<Chosen>) -> Choice {
        let (files, skipped) =
            chosen.into_iter().partition(|c| c.file.is_none() || !c.in_folder() || summary::is_report_file(&c.name));
        Choice { files, skipped: skipped.into_iter().map(|c: Chosen| c.name).collect() }
    }
}

/// The files of a file input (a folder input's carry their path in the folder).
pub fn from_list(list: &web_sys::FileList) -> Vec<Chosen> {
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| {
            let path = js_sys::Reflect::get(&file, &"webkitRelativePath".into()).ok().and_then(|v| v.as_string());
            let name = path.filter(|p| !p.is_empty()).unwrap_or_else(|| file.name());
            Chosen { name, file: Some(file) }
        })
        .collect()
}

#[wasm_bindgen(module = "/src/app/summary/walk.js")]
extern "C" {
    // (`catch` also makes wasm-bindgen import these by name, which scripts/bundle.mjs inlines.)
    /// The dropped folders as file system entries; taken during the drop event, after which
    /// the browser empties the items.
    #[wasm_bindgen(catch)]
    fn folders(data: &web_sys::DataTransfer) -> Result<js_sys::Array, JsValue>;
    /// Every file under `entries`, recursively, as `[path, File or null]`. A folder's reader
    /// gives its entries in batches (Chromium: 100 at a time), so it is read until it gives none;
    /// a folder that cannot be read is one `[path/, null]`.
    #[wasm_bindgen(catch)]
    async fn walk(entries: js_sys::Array) -> Result<JsValue, JsValue>;
}

/// The dropped files and folders: the folders are taken now, during the drop event, and walked
/// after; the files come as the browser gives them (a page opened from disk may not read them
/// through an entry). A browser without `webkitGetAsEntry` gives the files alone.
pub fn dropped(data: &web_sys::DataTransfer) -> impl std::future::Future<Output = Vec<Chosen>> {
    let folders = folders(data).unwrap_or_default();
    let name = |f: JsValue| js_sys::Reflect::get(&f, &"name".into()).ok().and_then(|n| n.as_string());
    let names: Vec<String> = folders.iter().filter_map(name).collect();
    // A dropped folder is among the files too, as a file that cannot be read.
    let files =
        data.files().map(|l| from_list(&l)).unwrap_or_default().into_iter().filter(move |c| !names.contains(&c.name));
    async move {
        let mut chosen = walk_entries(folders.clone()).await.unwrap_or_else(|| {
            folders.iter().map(|f| Chosen { name: format!("{}/", name(f).unwrap_or_default()), file: None }).collect()
        });
        chosen.extend(files);
        chosen
    }
}

/// Every file under `entries` (file system entries, or in the tests objects shaped like them);
/// `None` if the browser failed the walk.
pub async fn walk_entries(entries: js_sys::Array) -> Option<Vec<Chosen>> {
    let found = walk(entries).await.ok()?;
    let found = js_sys::Array::from(&found)
        .iter()
        .map(|pair| {
            let pair = js_sys::Array::from(&pair);
            Chosen { name: pair.get(0).as_string().unwrap_or_default(), file: pair.get(1).dyn_into().ok() }
        })
        .collect();
    Some(found)
}

/// At most this many files are fetched at once, and at most this many bytes (a batch of large
/// published reports is smaller): one fetch per batch, not one per file.
const BATCH_FILES: usize = 64;
const BATCH_BYTES: f64 = 16e6;

/// The files in batches to fetch together, in order; a file over the size limit is never
/// fetched, so it counts for nothing.
pub fn batches(sizes: &[f64]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut bytes = 0.0;
    for (i, &size) in sizes.iter().enumerate() {
        let size = if size > MAX_FILE_BYTES as f64 { 0.0 } else { size };
        match out.last_mut() {
            Some(b) if b.len() < BATCH_FILES && bytes + size <= BATCH_BYTES => {
                b.end = i + 1;
                bytes += size;
            }
            _ => {
                out.push(i..i + 1);
                bytes = size;
            }
        }
    }
    out
}

/// A batch of files being fetched: as one Blob (a fetch per file costs a round trip each: a
/// third of the time for 3,000 reports), started when made, so that the next batch is read from
/// disk while this one is checked.
pub struct Fetch<'a> {
    files: &'a [Chosen],
    whole: Option<wasm_bindgen_futures::JsFuture>,
}

/// A file to fetch, unless the browser gave none or it is over the size limit.
fn taken(f: &Chosen) -> Option<web_sys::File> {
    f.file.as_ref().filter(|f| f.size() <= MAX_FILE_BYTES as f64).cloned()
}

impl<'a> Fetch<'a> {
    pub fn start(files: &'a [Chosen]) -> Fetch<'a> {
        let parts: js_sys::Array = files.iter().filter_map(taken).collect();
        let whole = web_sys::Blob::new_with_blob_sequence(&parts).ok().map(|b| b.array_buffer().into());
        Fetch { files, whole }
    }

    /// The bytes of each file, in order, or why not; one by one only if the batch failed (a file
    /// changed or gone since it was chosen).
    pub async fn bytes(self) -> Vec<Result<Vec<u8>, String>> {
        // Copied into wasm memory at once (one crossing a batch), then cut into files.
        let whole = match self.whole {
            Some(fetched) => array_buffer(fetched).await.map(|b| js_sys::Uint8Array::new(&b).to_vec()),
            None => None,
        };
        let mut at = 0;
        let mut out = Vec::with_capacity(self.files.len());
        for f in self.files {
            out.push(match (&f.file, taken(f), &whole) {
                // Chromium refuses to list a dropped folder in a page opened from disk (nianbao.html).
                (None, _, _) if f.name.ends_with('/') => {
                    Err("浏览器未允许读取拖入的这个文件夹（从本机直接打开的页面常会如此），请改用“或选择文件夹”选择它"
                        .into())
                }
                (None, _, _) => Err("浏览器无法读取此文件".into()),
                (Some(file), None, _) => Err(limits::too_large(file.size() as u64)),
                (_, Some(file), Some(whole)) => {
                    let size = file.size() as usize;
                    at += size;
                    whole.get(at - size..at).map(<[u8]>::to_vec).ok_or_else(|| "浏览器无法读取此文件".into())
                }
                (_, Some(file), None) => match array_buffer(file.array_buffer().into()).await {
                    Some(b) => Ok(js_sys::Uint8Array::new(&b).to_vec()),
                    None => Err("浏览器无法读取此文件".into()),
                },
            });
        }
        out
    }
}

async fn array_buffer(fetched: wasm_bindgen_futures::JsFuture) -> Option<js_sys::ArrayBuffer> {
    fetched.await.ok()?.dyn_into().ok()
}

/// A file read and checked: a JSON report, or a published report through the importer.
pub async fn read_one(chosen: &Chosen, bytes: Result<Vec<u8>, String>) -> File {
    let name = chosen.name.clone();
    let base = name.rsplit('/').next().unwrap_or_default().to_string();
    match bytes {
        Err(why) => File { kind: summary::kind_of(&name), name, read: Err(why) },
        Ok(bytes) if summary::is_json(&name, &bytes) => File::json(&name, &bytes),
        Ok(bytes) => File::imported(&name, read_report(&base, &bytes).await),
    }
}
