//! A list of words looked for in text, as the text rules and copy detection do on every keystroke
//! and for thousands of reports: each place of the text costs a bit test, and a compare only where
//! one of the words may start (a `contains` per word was most of the text rules' time).

/// Words by their first character.
pub struct Words {
    /// A bit per first character (its code modulo 64): most places of a text are passed over here.
    first: u64,
    /// The words as characters, grouped by their first character, sorted by it.
    by_first: Vec<(char, Vec<Vec<char>>)>,
}

impl Words {
    /// The words (empty ones left out).
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Words {
        Words::of_chars(words.into_iter().map(|w| w.as_ref().chars().collect()))
    }

    /// The words, given as characters (folded text's words).
    pub fn of_chars(words: impl IntoIterator<Item = Vec<char>>) -> Words {
        let mut by_first: Vec<(char, Vec<Vec<char>>)> = Vec::new();
        for word in words.into_iter().filter(|w| !w.is_empty()) {
            match by_first.iter_mut().find(|(c, _)| *c == word[0]) {
                Some((_, list)) => list.push(word),
                None => by_first.push((word[0], vec![word])),
            }
        }
        by_first.sort_by_key(|(c, _)| *c);
        let first = by_first.iter().fold(0u64, |bits, (c, _)| bits | bit(*c));
        Words { first, by_first }
    }

    fn starting_with(&self, c: char) -> &[Vec<char>] {
        if self.first & bit(c) == 0 {
            return &[];
        }
        self.by_first.binary_search_by_key(&c, |(f, _)| *f).map_or(&[], |k| &self.by_first[k].1)
    }

    /// Whether any of the words is in `text`.
    pub fn in_text(&self, text: &str) -> bool {
        text.char_indices().any(|(at, c)| {
            self.starting_with(c).iter().any(|w| {
                let mut rest = text[at..].chars();
                w.iter().all(|&wc| rest.next() == Some(wc))
            })
        })
    }

    /// Whether any of the words is in `text`, given as characters.
    pub fn in_chars(&self, text: &[char]) -> bool {
        (0..text.len()).any(|at| self.starting_with(text[at]).iter().any(|w| text[at..].starts_with(w)))
    }
}

fn bit(c: char) -> u64 {
    1 << (c as u32 % 64)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same answer as a `contains` per word, on text made of the words' own pieces.
        #[test]
        fn in_text_is_contains_of_any(
            words in prop::collection::vec("[问题不足将加强]{1,3}", 0..6),
            text in "[问题不足将加强，a ]{0,30}",
        ) {
            let list = Words::new(&words);
            let any = words.iter().any(|w| text.contains(w.as_str()));
            prop_assert_eq!(list.in_text(&text), any);
            let chars: Vec<char> = text.chars().collect();
            prop_assert_eq!(list.in_chars(&chars), any);
        }
    }

    #[test]
    fn no_words_are_never_found() {
        let none = Words::new([""; 0]);
        assert!(!none.in_text("问题"));
        assert!(!Words::new([""]).in_text("问题"), "an empty word is left out, not found everywhere");
    }
}
