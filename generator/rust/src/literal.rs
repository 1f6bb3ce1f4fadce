//! String literals of the generated code. A text that may stand in a raw literal as it is
//! (no control character, no text-direction mark, which rustc denies in literals) becomes
//! `r"..."` or `r#"..."#` with as few `#` as it needs: syn reads a raw literal by copying it
//! and prettyplease prints it as written, where an escaped one is escaped by proc-macro2 and
//! read back character by character (an eighth of `gen` on v1.0, most of it doc lines and
//! the JSON bodies of the tests). Any other text is escaped.

use proc_macro2::Literal;

/// A string literal whose value is `text`.
pub fn text(text: &str) -> Literal {
    if !text.chars().any(crate::docs::is_invisible) {
        let hashes = "#".repeat(hashes_needed(text));
        if let Ok(lit) = format!("r{hashes}\"{text}\"{hashes}").parse::<Literal>() {
            return lit;
        }
    }
    Literal::string(text)
}

/// How many `#` a raw literal of `text` needs: one more than the longest run of `#` after
/// a `"` in it, none when it holds no `"`.
fn hashes_needed(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut most = None;
    for (i, _) in text.match_indices('"') {
        let run = bytes.get(i + 1..).unwrap_or_default().iter().take_while(|&&b| b == b'#').count();
        most = Some(most.map_or(run, |m: usize| m.max(run)));
    }
    most.map_or(0, |m| m + 1)
}

#[cfg(test)]
mod tests {
    use super::text;

    /// The literal's value as syn reads it back.
    fn value(lit: proc_macro2::Literal) -> String {
        syn::parse2::<syn::LitStr>(quote::quote!(#lit)).map(|l| l.value()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn raw_when_it_can_be_escaped_otherwise() {
        for (s, printed) in [
            ("plain", "r\"plain\""),
            ("{\"a\":\"b\\\\c\"}", "r#\"{\"a\":\"b\\\\c\"}\"#"),
            ("quote then hash \"# and \"##", "r###\"quote then hash \"# and \"##\"###"),
            ("ends in a quote\"", "r#\"ends in a quote\"\"#"),
            ("", "r\"\""),
            ("été ’", "r\"été ’\""),
            ("line\nbreak", "\"line\\nbreak\""),
            ("left\u{202e}right", "\"left\\u{202e}right\""),
            ("bell\u{7}", "\"bell\\u{7}\""),
        ] {
            let lit = text(s);
            assert_eq!(lit.to_string(), printed, "{s:?}");
            assert_eq!(value(lit), s);
        }
    }
}
