//! Java naming: casing, reserved words, the one escape rule for identifiers, string literals,
//! Javadoc text and the few line-layout rules of google-java-format the emitter relies on.

/// Java keywords and literals (never identifiers), plus restricted type names.
pub const KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
    "true",
    "false",
    "null",
    "var",
    "yield",
    "record",
    "sealed",
    "permits",
    "non-sealed",
    "_",
];

/// Type names a generated class must not take: the runtime's classes and the `java.lang`
/// and `java.util` names generated code uses unqualified.
pub const RESERVED_TYPES: &[&str] = &[
    "ApiConnectionException",
    "ApiException",
    "ApiTimeoutException",
    "AuthenticationException",
    "BadRequestException",
    "ClientErrorException",
    "ClientOptions",
    "ConflictException",
    "Decoder",
    "Decoders",
    "EventStream",
    "FileUpload",
    "HttpCore",
    "InternalServerException",
    "Json",
    "JsonModel",
    "NotFoundException",
    "NotImplementedException",
    "Nullable",
    "Page",
    "Pagination",
    "PermissionDeniedException",
    "RateLimitException",
    "RequestOptions",
    "RequestSpec",
    "Response",
    "SdkException",
    "ServerSentEvent",
    "UnprocessableEntityException",
    "UnsupportedMediaTypeException",
    "Environment",
    "Builder",
    "Object",
    "String",
    "Long",
    "Integer",
    "Double",
    "Boolean",
    "Void",
    "Class",
    "Override",
    "Deprecated",
    "SuppressWarnings",
    "FunctionalInterface",
    "SafeVarargs",
    "Optional",
    "List",
    "Map",
    "JsonNode",
    "ObjectNode",
    "Collections",
    "LinkedHashMap",
    "CompletableFuture",
    "Duration",
    "HttpClient",
    "Math",
    "System",
    "Thread",
    "Exception",
    "RuntimeException",
    "Error",
    "Throwable",
    "Iterable",
    "Character",
    "Byte",
    "Short",
    "Float",
    "Number",
    "Enum",
    "Record",
    "Runnable",
    "Process",
    "Package",
    "Module",
    "StringBuilder",
    "Comparable",
    "Cloneable",
    "AutoCloseable",
    "Objects",
    "Var",
    "Yield",
    "Sealed",
    "Permits",
];

/// Methods of `java.lang.Object` and of the generated classes themselves, as the
/// PascalCase stems of field names (`getClass`, a builder's `build`...).
pub const RESERVED_FIELD_STEMS: &[&str] = &[
    "Class",
    "AdditionalProperties",
    "AdditionalProperty",
    "Build",
    "Builder",
    "ToBuilder",
    "Equals",
    "HashCode",
    "ToString",
    "ToJson",
    "FromJson",
    "Wait",
    "Notify",
    "NotifyAll",
    "Clone",
    "Finalize",
];

/// Method names a resource or client member must not take.
pub const OBJECT_METHODS: &[&str] = &[
    "getClass",
    "hashCode",
    "equals",
    "toString",
    "clone",
    "finalize",
    "notify",
    "notifyAll",
    "wait",
];

fn clean(word: &str) -> String {
    word.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

fn cap(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase(),
        None => String::new(),
    }
}

fn clean_words(words: &[String]) -> Vec<String> {
    let out: Vec<String> = words
        .iter()
        .map(|w| clean(w))
        .filter(|w| !w.is_empty())
        .collect();
    if out.is_empty() {
        vec!["value".to_string()]
    } else {
        out
    }
}

/// `PascalCase`, a valid type name (a leading digit gets a `V`).
pub fn pascal(words: &[String]) -> String {
    let s: String = clean_words(words).iter().map(|w| cap(w)).collect();
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{s}")
    } else {
        s
    }
}

/// Class names are kept to 60 characters: a nested class's file is `Outer$Inner.class` (file
/// names longer than 255 bytes cannot be written), and declarations stay within the few
/// line-breaking forms the renderer reproduces.
pub fn cap_len(name: &str) -> String {
    name.chars().take(60).collect()
}

/// `camelCase` (not escaped: see [`ident`]).
pub fn camel(words: &[String]) -> String {
    let p = pascal(words);
    let mut c = p.chars();
    match c.next() {
        Some('V') if p.len() > 1 && p[1..].starts_with(|c: char| c.is_ascii_digit()) => {
            format!("v{}", &p[1..])
        }
        Some(f) => f.to_ascii_lowercase().to_string() + c.as_str(),
        None => "value".to_string(),
    }
}

/// `UPPER_SNAKE_CASE` for constants (a leading digit gets `V_`).
pub fn upper_snake(words: &[String]) -> String {
    let s = clean_words(words)
        .iter()
        .map(|w| w.to_ascii_uppercase())
        .collect::<Vec<_>>()
        .join("_");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V_{s}")
    } else {
        s
    }
}

/// The one escape rule: a keyword gets a trailing underscore.
pub fn ident(name: &str) -> String {
    if KEYWORDS.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

/// A Java package segment: lower-case letters and digits, never a keyword.
pub fn package_segment(words: &[String]) -> String {
    let s: String = clean_words(words)
        .iter()
        .map(|w| w.to_ascii_lowercase())
        .collect();
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("v{s}")
    } else {
        s
    };
    ident(&s)
}

/// A Java string literal. Control characters become octal escapes (a `\u` escape would be
/// decoded before lexing).
pub fn string_lit(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\{:03o}", c as u32));
            }
            c if (c as u32) >= 0x80 => {
                // ASCII-only sources: UTF-16 units as octal-free escapes are impossible
                // without `\u`, so non-ASCII is kept as is (sources are UTF-8).
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes spec text for Javadoc: no HTML, no tags, no comment end, no unicode escapes.
fn doc_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => out.push_str("&#64;"),
            '\\' => out.push_str("&#92;"),
            c if c.is_control() && c != '\n' => out.push(' '),
            c if c.is_whitespace() && c != '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out.replace("*/", "*&#47;")
}

/// The words of each paragraph (paragraphs are separated by blank lines).
fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let text = doc_escape(text);
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        cur.extend(line.split_whitespace().map(str::to_string));
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A Javadoc comment at `indent` spaces, laid out as google-java-format does: one line when
/// it fits, else filled to 100 columns with `<p>` opening every paragraph after the first.
/// Empty when there is no text.
pub fn javadoc(text: Option<&str>, indent: usize) -> String {
    let Some(text) = text else {
        return String::new();
    };
    let paras = paragraphs(text);
    if paras.is_empty() {
        return String::new();
    }
    let pad = " ".repeat(indent);
    if paras.len() == 1 {
        let one = paras[0].join(" ");
        if indent + 4 + self::width(&one) + 3 <= 100 {
            return format!("{pad}/** {one} */\n");
        }
    }
    let mut out = format!("{pad}/**\n");
    out.push_str(&fill(&paras, indent));
    out.push_str(&format!("{pad} */\n"));
    out
}

/// The paragraphs as Javadoc lines at `indent`, filled to 100 columns.
fn fill(paras: &[Vec<String>], indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let width = 100 - indent - 3;
    for (i, words) in paras.iter().enumerate() {
        if i > 0 {
            out.push_str(&format!("{pad} *\n"));
        }
        let mut line = String::new();
        for (j, w) in words.iter().enumerate() {
            let w = if i > 0 && j == 0 {
                format!("<p>{w}")
            } else {
                w.clone()
            };
            if line.is_empty() {
                line = w;
            } else if self::width(&line) + 1 + self::width(&w) <= width {
                line.push(' ');
                line.push_str(&w);
            } else {
                out.push_str(&format!("{pad} * {line}\n"));
                line = w;
            }
        }
        if !line.is_empty() {
            out.push_str(&format!("{pad} * {line}\n"));
        }
    }
    out
}

/// A Javadoc comment with a block tag (`@deprecated ...`) after the text, laid out as
/// google-java-format does: the tag after a blank line, its continuation lines indented by
/// four more spaces. `tag` is the tag's name without `@`; `tag_text` is escaped like the text.
pub fn javadoc_tagged(text: &str, tag: &str, tag_text: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}/**\n");
    let paras = paragraphs(text);
    if !paras.is_empty() {
        out.push_str(&fill(&paras, indent));
        out.push_str(&format!("{pad} *\n"));
    }
    let width = 100 - indent - 3;
    let mut line = format!("@{tag}");
    let mut first = true;
    for w in paragraphs(tag_text).concat() {
        let limit = if first { width } else { width - 4 };
        if self::width(&line) + 1 + self::width(&w) <= limit {
            line.push(' ');
            line.push_str(&w);
        } else {
            let lead = if first { "" } else { "    " };
            out.push_str(&format!("{pad} * {lead}{line}\n"));
            line = w;
            first = false;
        }
    }
    let lead = if first { "" } else { "    " };
    out.push_str(&format!("{pad} * {lead}{line}\n{pad} */\n"));
    out
}

/// Text for Javadoc from the spec's docs, with the deprecation note.
pub fn doc_text(docs: &sdkgen_core::ir::Docs) -> Option<String> {
    let mut text = docs.text();
    if docs.deprecated {
        let note = match &docs.sunset {
            Some(s) => format!("Deprecated (sunset {s})."),
            None => "Deprecated.".to_string(),
        };
        text = Some(match text {
            Some(t) => format!("{t}\n\n{note}"),
            None => note,
        });
    }
    text
}

/// Splits `head(args)` into its head and top-level arguments (outside strings, nested
/// parentheses and type arguments); None when `expr` is not a call ending at its last `)`.
pub fn split_call(expr: &str) -> Option<(String, Vec<String>)> {
    if !expr.ends_with(')') {
        return None;
    }
    let chars: Vec<char> = expr.chars().collect();
    let mut depth = 0i32;
    let mut angle = 0i32;
    let mut in_str = false;
    let mut open = None;
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if in_str {
            if open.is_some() {
                cur.push(c);
            }
            if c == '\\' && i + 1 < chars.len() {
                if open.is_some() {
                    cur.push(chars[i + 1]);
                }
                i += 2;
                continue;
            }
            if c == '"' {
                in_str = false;
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_str = true;
                if open.is_some() {
                    cur.push(c);
                }
            }
            '(' => {
                if depth == 0 && open.is_none() {
                    open = Some(i);
                } else {
                    cur.push(c);
                }
                depth += 1;
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    if i + 1 != chars.len() {
                        return None;
                    }
                    if !cur.trim().is_empty() {
                        args.push(cur.trim().to_string());
                    }
                    cur.clear();
                } else {
                    cur.push(c);
                }
            }
            '<' if open.is_some() => {
                angle += 1;
                cur.push(c);
            }
            '>' if open.is_some() => {
                if i > 0 && chars[i - 1] != '-' {
                    angle -= 1;
                }
                cur.push(c);
            }
            ',' if depth == 1 && angle <= 0 => {
                args.push(cur.trim().to_string());
                cur.clear();
            }
            _ => {
                if open.is_some() {
                    cur.push(c);
                }
            }
        }
        i += 1;
    }
    let open = open?;
    let head: String = chars[..open].iter().collect();
    if head.is_empty() || head.ends_with(' ') {
        return None;
    }
    Some((head, args))
}

/// Lays out the expression `expr` followed by `tail` at `indent` (the first line already
/// carries `prefix`), breaking calls as google-java-format does.
pub fn expr_lines(indent: usize, prefix: &str, expr: &str, tail: &str) -> String {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{prefix}{expr}{tail}");
    if width(&one) <= 100 {
        return one + "\n";
    }
    match split_call(expr) {
        Some((head, args)) if !args.is_empty() => {
            call_lines(indent, &format!("{prefix}{head}"), &args, tail)
        }
        _ => one + "\n",
    }
}

fn call_lines(indent: usize, head: &str, args: &[String], tail: &str) -> String {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{head}({}){tail}", args.join(", "));
    if width(&one) <= 100 || args.is_empty() {
        return one + "\n";
    }
    let inner = " ".repeat(indent + 4);
    let joined = format!("{inner}{}){tail}", args.join(", "));
    if width(&joined) <= 100 {
        return format!("{pad}{head}(\n{joined}\n");
    }
    let mut out = format!("{pad}{head}(\n");
    for (i, a) in args.iter().enumerate() {
        let t = if i + 1 == args.len() {
            format!("){tail}")
        } else {
            ",".to_string()
        };
        out.push_str(&arg_lines(indent + 4, a, &t));
    }
    out
}

/// One argument (or parameter declaration `Type name`) on its own line(s).
fn arg_lines(indent: usize, arg: &str, tail: &str) -> String {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{arg}{tail}");
    if width(&one) <= 100 {
        return one + "\n";
    }
    if split_call(arg).is_some() {
        return expr_lines(indent, "", arg, tail);
    }
    // A declaration: the name goes on the next line at +4.
    if let Some((ty, name)) = arg.rsplit_once(' ') {
        if !ty.ends_with('=') && !name.contains(['(', ')', '"']) && !ty.contains("->") {
            return format!("{pad}{ty}\n{}{name}{tail}\n", " ".repeat(indent + 4));
        }
    }
    one + "\n"
}

/// Lays out `head(args)tail` at `indent` as google-java-format does: one line when it fits;
/// else the arguments on the next line at +4; else one argument per line (each laid out
/// recursively).
pub fn call(indent: usize, head: &str, args: &[String], tail: &str) -> String {
    // A declaration whose return type and name do not fit: the name moves to the next line.
    let pad = " ".repeat(indent);
    if let Some(first) = args.first() {
        let _ = first;
    }
    let opening = format!("{pad}{head}(");
    if width(&opening) > 100 {
        if let Some((lead, name)) = head.rsplit_once(' ') {
            let out = call_lines(indent + 4, name, args, tail);
            return format!("{pad}{lead}\n{out}");
        }
    }
    if args.is_empty() && width(&format!("{opening}){tail}")) > 100 {
        if let Some((lead, name)) = head.rsplit_once(' ') {
            if lead.starts_with("public ") || lead.starts_with("private ") {
                return format!("{pad}{lead}\n{}{name}(){tail}\n", " ".repeat(indent + 4));
            }
        }
    }
    call_lines(indent, head, args, tail)
}

/// Lays out `lhs = head(args)tail` at `indent`: one line; else a break after `=`; else the
/// call laid out at +4 after the break.
pub fn assign_call(indent: usize, lhs: &str, head: &str, args: &[String], tail: &str) -> String {
    let pad = " ".repeat(indent);
    let rhs = format!("{head}({}){tail}", args.join(", "));
    let one = format!("{pad}{lhs} = {rhs}");
    if width(&one) <= 100 {
        return one + "\n";
    }
    let next = format!("{}{rhs}", " ".repeat(indent + 4));
    if width(&next) <= 100 || args.is_empty() {
        return format!("{pad}{lhs} =\n{next}\n");
    }
    format!("{pad}{lhs} =\n{}", call_lines(indent + 4, head, args, tail))
}

/// Lays out `lhs = rhs` (rhs ends with `;`) at `indent`, breaking after `=` when too long,
/// then inside the right-hand side's call.
pub fn assign(indent: usize, lhs: &str, rhs: &str) -> String {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{lhs} = {rhs}");
    if width(&one) <= 100 {
        return one + "\n";
    }
    // A declaration whose type and name alone are too long: the name moves to the next line.
    if width(&format!("{pad}{lhs} =")) > 100 {
        if let Some((ty, name)) = lhs.rsplit_once(' ') {
            return format!("{pad}{ty}\n{}", assign(indent + 4, name, rhs));
        }
    }
    let next = format!("{}{rhs}", " ".repeat(indent + 4));
    if width(&next) <= 100 {
        return format!("{pad}{lhs} =\n{next}\n");
    }
    let (expr, tail) = match rhs.strip_suffix(';') {
        Some(e) => (e, ";"),
        None => (rhs, ""),
    };
    format!("{pad}{lhs} =\n{}", expr_lines(indent + 4, "", expr, tail))
}

/// A statement or declaration line at `indent`; a field declaration too long for one line
/// breaks before its name.
pub fn decl(indent: usize, text: &str) -> String {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{text}");
    if width(&one) <= 100 {
        return one + "\n";
    }
    if let Some(body) = text.strip_suffix(';') {
        if let Some((ty, name)) = body.rsplit_once(' ') {
            return format!("{pad}{ty}\n{}{name};\n", " ".repeat(indent + 4));
        }
    }
    one + "\n"
}

/// Columns of a line (characters, as the formatter counts them).
pub fn width(s: &str) -> usize {
    s.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn casing() {
        assert_eq!(pascal(&w("session id")), "SessionId");
        assert_eq!(camel(&w("session id")), "sessionId");
        assert_eq!(camel(&w("3d model")), "v3dModel");
        assert_eq!(upper_snake(&w("3d")), "V_3D");
        assert_eq!(ident("class"), "class_");
        assert_eq!(pascal(&[]), "Value");
    }

    #[test]
    fn javadoc_escapes() {
        let d = javadoc(Some("a <b> */ @x \\u0041"), 2);
        assert_eq!(d, "  /** a &lt;b&gt; *&#47; &#64;x &#92;u0041 */\n");
    }
}
