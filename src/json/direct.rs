//! The reader's fast path ([`from_str_fast`](super::from_str_fast)): a report read straight
//! from the text into its fields (unknown keys into [`Report::extra`], in order), without first
//! making the whole tree of [`Value`]s that [`from_str`](super::from_str) takes apart key by key
//! — that took twice the time, and 汇总与核查 reads thousands of files at once.
//!
//! It reads a file only as the tree's reader would, through the same checks ([`head`],
//! [`string`], [`figure`]); on anything else — any error, or a known key given twice (the tree
//! keeps the last whole: an object given twice is not the two merged) — it gives up and the file
//! is read through the tree, whose messages say what is wrong and where. `tests/properties.rs`
//! holds the two readers to the same reports.

use super::{figure, head, prune_empty, string, HEAD};
use crate::form;
use crate::report::{Document, Report, Texts};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;
use std::sync::LazyLock;

/// The report in `text` (no byte-order mark), or `None` where the tree's reader must say why
/// not, or may read it otherwise.
pub fn read(text: &str) -> Option<Report> {
    let mut de = serde_json::Deserializer::from_str(text);
    let report = Root.deserialize(&mut de).ok()??;
    de.end().ok()?;
    Some(report)
}

/// What a key of the file is to this version.
enum Known {
    /// One of [`HEAD`], by its place there.
    Head(usize),
    /// A text part, by its key.
    Text(&'static str),
    /// A field of `document`, by its place in [`Document::fields_mut`].
    Document(usize),
    /// A figure, by its index in [`form::cells`].
    Cell(usize),
    Previous,
    /// An object of more known keys; whether it may be null (`text` may not; a null
    /// `document` or table stands for absent and is kept as it was).
    Object(Keys, bool),
}

/// An object's known keys: at most 64, as each is marked read by a bit.
struct Keys(Vec<(&'static str, Known)>);

impl Keys {
    fn find(&self, key: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| *k == key)
    }

    /// The object at `key`, added if not there yet.
    fn object(&mut self, key: &'static str) -> &mut Keys {
        let i = self.find(key).unwrap_or_else(|| {
            self.0.push((key, Known::Object(Keys(Vec::new()), true)));
            self.0.len() - 1
        });
        match &mut self.0[i].1 {
            Known::Object(keys, _) => keys,
            _ => panic!("{key} is both a value and an object"),
        }
    }

    fn fits(&self) -> bool {
        self.0.len() <= 64 && self.0.iter().all(|(_, k)| !matches!(k, Known::Object(keys, _) if !keys.fits()))
    }
}

/// The report's keys, from the template.
static ROOT: LazyLock<Keys> = LazyLock::new(|| {
    let mut root = Keys(HEAD.iter().enumerate().map(|(i, &k)| (k, Known::Head(i))).collect());
    root.0.push(("previous", Known::Previous));
    let text = form::text_parts().map(|(_, p)| (p.key, Known::Text(p.key))).collect();
    root.0.push(("text", Known::Object(Keys(text), false)));
    let fields = Document::default().fields_mut().map(|(k, _)| k);
    let document = fields.iter().enumerate().map(|(i, &k)| (k, Known::Document(i))).collect();
    root.0.push(("document", Known::Object(Keys(document), true)));
    for (i, def) in form::cells().iter().enumerate() {
        let keys: Vec<&'static str> = def.path.split('.').collect();
        let (leaf, parents) = keys.split_last().expect("non-empty path");
        let parent = parents.iter().fold(&mut root, |here, key| here.object(key));
        parent.0.push((leaf, Known::Cell(i)));
    }
    assert!(root.fits(), "an object of the template has more than 64 keys");
    root
});

/// Gives up on the file (the message is the tree reader's to give).
fn give_up<E: de::Error>() -> E {
    E::custom("")
}

/// What has been read of one report.
struct Reading {
    head: [Option<Value>; HEAD.len()],
    text: Texts,
    document: Document,
    cells: Vec<Option<String>>,
    previous: Option<Box<Report>>,
}

/// A report, or null (a `previous` may be).
struct Root;

impl<'de> DeserializeSeed<'de> for Root {
    type Value = Option<Report>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Root {
    type Value = Option<Report>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a report")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut reading = Reading {
            head: Default::default(),
            text: Texts::default(),
            document: Document::default(),
            cells: vec![None; form::cells().len()],
            previous: None,
        };
        let Value::Object(mut extra) = (Object { keys: &ROOT, nullable: false, into: &mut reading }).visit_map(map)?
        else {
            unreachable!("an object's rest is an object")
        };
        let mut report =
            head(|key| reading.head[HEAD.iter().position(|&k| k == key)?].take(), "").map_err(|_| give_up())?;
        report.text = reading.text;
        report.document = reading.document;
        report.cells = reading.cells;
        report.previous = reading.previous;
        prune_empty(&mut extra);
        report.extra = extra;
        Ok(Some(report))
    }
}

/// An object of `keys`: what it gives of them is read into `into`; the rest of it comes back as
/// an object of the keys it does not know (in order), or null.
struct Object<'a> {
    keys: &'static Keys,
    nullable: bool,
    into: &'a mut Reading,
}

impl<'de> DeserializeSeed<'de> for Object<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Object<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        if self.nullable {
            Ok(Value::Null)
        } else {
            Err(give_up())
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let into = self.into;
        let (mut seen, mut rest) = (0u64, Map::new());
        while let Some(key) = map.next_key_seed(Key(self.keys))? {
            let i = match key {
                Ok(i) => i,
                Err(unknown) => {
                    // Given twice, it keeps its first place and its last value, as in the tree.
                    rest.insert(unknown, map.next_value()?);
                    continue;
                }
            };
            if seen & 1 << i != 0 {
                return Err(give_up());
            }
            seen |= 1 << i;
            let (name, known) = &self.keys.0[i];
            // Every value is read whole, as the tree's reader would (a number out of range, a
            // lone surrogate in a string), even where it is not kept.
            match known {
                Known::Object(keys, nullable) => {
                    let left = map.next_value_seed(Object { keys, nullable: *nullable, into: &mut *into })?;
                    // An object left empty is pruned anyway.
                    if !matches!(&left, Value::Object(m) if m.is_empty()) {
                        rest.insert(name.to_string(), left);
                    }
                }
                Known::Head(h) => into.head[*h] = Some(map.next_value()?),
                Known::Text(key) => {
                    if let Some(s) = string(Some(map.next_value()?)).map_err(|_| give_up())? {
                        *into.text.get_mut(key).expect("text key") = s;
                    }
                }
                Known::Document(f) => {
                    if let Some(s) = string(Some(map.next_value()?)).map_err(|_| give_up())? {
                        *into.document.fields_mut()[*f].1 = s;
                    }
                }
                Known::Cell(c) => {
                    let (v, def) = (map.next_value()?, &form::cells()[*c]);
                    if !def.derived {
                        into.cells[*c] = figure(def, v).map_err(|_| give_up())?;
                    }
                }
                Known::Previous => {
                    if let Some(mut prev) = map.next_value_seed(Root)? {
                        prev.previous = None;
                        into.previous = Some(Box::new(prev));
                    }
                }
            }
        }
        Ok(Value::Object(rest))
    }
}

/// A key: its place among `keys`, or itself when unknown.
struct Key(&'static Keys);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Result<usize, String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Result<usize, String>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.find(key).ok_or_else(|| key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(self.0.find(&key).ok_or(key))
    }
}
