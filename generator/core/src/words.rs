//! Splitting spec names into words: the one place where casing input is decided.

/// Splits a spec name into lower-case ASCII words.
///
/// `createSession` -> `create session`, `HTTPServer` -> `http server`, `X-Request-Id` ->
/// `x request id`, `v2beta` -> `v2beta`, `ipv4Address` -> `ipv4 address`. Characters that
/// are neither ASCII letters nor digits separate words, after letters beyond ASCII are
/// transliterated (`Mobilités` -> `mobilites`, `日本` -> `ri ben`). A name made only of symbols is
/// spelled out (`+` -> `plus`), and an empty result becomes `value`.
pub fn split_words(name: &str) -> Vec<String> {
    // Letters beyond ASCII are transliterated (`Türkiye` -> `turkiye`, not `t rkiye`).
    let folded;
    let name = if name.is_ascii() {
        name
    } else {
        folded = deunicode::deunicode(name);
        folded.as_str()
    };
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            flush(&mut cur, &mut words);
            continue;
        }
        if !cur.is_empty() {
            let prev = chars[i - 1];
            let next = chars.get(i + 1).copied();
            let boundary = (c.is_ascii_uppercase()
                && (prev.is_ascii_lowercase() || prev.is_ascii_digit()))
                || (c.is_ascii_uppercase()
                    && prev.is_ascii_uppercase()
                    && next.is_some_and(|n| n.is_ascii_lowercase()));
            if boundary {
                flush(&mut cur, &mut words);
            }
        }
        cur.push(c.to_ascii_lowercase());
    }
    flush(&mut cur, &mut words);
    if words.is_empty() {
        words = name
            .chars()
            .filter_map(symbol_word)
            .map(str::to_string)
            .collect();
    }
    if words.is_empty() {
        words.push("value".to_string());
    }
    words
}

fn flush(cur: &mut String, words: &mut Vec<String>) {
    if !cur.is_empty() {
        words.push(std::mem::take(cur));
    }
}

fn symbol_word(c: char) -> Option<&'static str> {
    Some(match c {
        '+' => "plus",
        '-' => "minus",
        '*' => "star",
        '/' => "slash",
        '.' => "dot",
        '<' => "lt",
        '>' => "gt",
        '=' => "eq",
        '!' => "not",
        '@' => "at",
        '#' => "hash",
        '$' => "dollar",
        '%' => "percent",
        '&' => "and",
        '|' => "or",
        '^' => "caret",
        '~' => "tilde",
        '?' => "question",
        ':' => "colon",
        ',' => "comma",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::split_words;

    fn s(x: &str) -> String {
        split_words(x).join(" ")
    }

    #[test]
    fn splits_common_shapes() {
        assert_eq!(s("createSession"), "create session");
        assert_eq!(s("HTTPServer"), "http server");
        assert_eq!(s("X-Request-Id"), "x request id");
        assert_eq!(s("session_id"), "session id");
        assert_eq!(s("ipv4Address"), "ipv4 address");
        assert_eq!(s("v1.Pod"), "v1 pod");
        assert_eq!(s("2fa_enabled"), "2fa enabled");
        assert_eq!(s("getV2Users"), "get v2 users");
        assert_eq!(s("+"), "plus");
        assert_eq!(s(">="), "gt eq");
        assert_eq!(s(""), "value");
        assert_eq!(s("日本"), "ri ben");
        assert_eq!(s("Türkiye"), "turkiye");
        assert_eq!(s("Île-de-France Mobilités"), "ile de france mobilites");
        assert_eq!(s("😀"), "grinning");
        assert_eq!(s("$ref"), "ref");
    }
}
