//! A small Wadler-style document printer that follows prettier's algorithm (groups that
//! break when their content does not fit in the rest of the line, `ifBreak`, hard lines),
//! so the emitter writes exactly what `prettier --check` expects, by construction.

/// Prettier's default print width.
pub const WIDTH: usize = 80;

#[derive(Debug, Clone)]
pub enum Doc {
    Text(String),
    /// A space when flat, a newline when broken.
    Line,
    /// Nothing when flat, a newline when broken.
    SoftLine,
    /// Always a newline; breaks every enclosing group.
    HardLine,
    Indent(Box<Doc>),
    Group(Vec<Doc>),
    IfBreak(Box<Doc>, Box<Doc>),
    Concat(Vec<Doc>),
    /// The right side of prettier's "fluid" assignment layout: stays on the line when
    /// the text up to its first possible break fits, else moves to the next line,
    /// indented.
    Fluid(Box<Doc>),
}

pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}
pub fn group(parts: Vec<Doc>) -> Doc {
    Doc::Group(parts)
}
pub fn concat(parts: Vec<Doc>) -> Doc {
    Doc::Concat(parts)
}
pub fn indent(parts: Vec<Doc>) -> Doc {
    Doc::Indent(Box::new(Doc::Concat(parts)))
}
pub fn if_break(broken: Doc, flat: Doc) -> Doc {
    Doc::IfBreak(Box::new(broken), Box::new(flat))
}
/// `sep` between every two docs.
pub fn join(sep: Vec<Doc>, docs: Vec<Doc>) -> Vec<Doc> {
    let mut out = Vec::new();
    for (i, d) in docs.into_iter().enumerate() {
        if i > 0 {
            out.extend(sep.iter().cloned());
        }
        out.push(d);
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Flat,
    Break,
}

fn has_hard(doc: &Doc) -> bool {
    match doc {
        Doc::HardLine => true,
        Doc::Text(_) | Doc::Line | Doc::SoftLine => false,
        Doc::Indent(d) => has_hard(d),
        Doc::Group(ds) | Doc::Concat(ds) => ds.iter().any(has_hard),
        Doc::IfBreak(b, f) => has_hard(b) || has_hard(f),
        Doc::Fluid(d) => has_hard(d),
    }
}

/// Prints `doc` starting at column 0 with base indentation `base` (in spaces).
pub fn print(doc: &Doc, base: usize) -> String {
    let mut out = String::new();
    let mut col = base;
    let mut stack: Vec<(usize, Mode, &Doc)> = vec![(base, Mode::Break, doc)];
    while let Some((ind, mode, d)) = stack.pop() {
        match d {
            Doc::Text(s) => {
                out.push_str(s);
                col += s.chars().count();
            }
            Doc::Line | Doc::SoftLine if mode == Mode::Flat => {
                if matches!(d, Doc::Line) {
                    out.push(' ');
                    col += 1;
                }
            }
            Doc::Line | Doc::SoftLine | Doc::HardLine => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
                out.push_str(&" ".repeat(ind));
                col = ind;
            }
            Doc::Indent(inner) => stack.push((ind + 2, mode, inner)),
            Doc::Concat(parts) => {
                for p in parts.iter().rev() {
                    stack.push((ind, mode, p));
                }
            }
            Doc::Group(parts) => {
                let flat = mode == Mode::Flat
                    || (!parts.iter().any(has_hard)
                        && fits(parts, &stack, WIDTH as isize - col as isize));
                let m = if flat { Mode::Flat } else { Mode::Break };
                for p in parts.iter().rev() {
                    stack.push((ind, m, p));
                }
            }
            Doc::IfBreak(b, f) => stack.push((ind, mode, if mode == Mode::Break { b } else { f })),
            Doc::Fluid(rhs) => {
                stack.push((ind, Mode::Break, rhs));
                let flat =
                    mode == Mode::Flat || fits(&[Doc::Line], &stack, WIDTH as isize - col as isize);
                if flat {
                    out.push(' ');
                    col += 1;
                } else {
                    stack.pop();
                    stack.push((ind + 2, Mode::Break, rhs));
                    out.push('\n');
                    out.push_str(&" ".repeat(ind + 2));
                    col = ind + 2;
                }
            }
        }
    }
    out
}

fn fits(next: &[Doc], rest: &[(usize, Mode, &Doc)], mut width: isize) -> bool {
    let mut cmds: Vec<(Mode, &Doc)> = next.iter().rev().map(|d| (Mode::Flat, d)).collect();
    let mut rest_idx = rest.len();
    loop {
        if width < 0 {
            return false;
        }
        let (mode, d) = match cmds.pop() {
            Some(c) => c,
            None => {
                if rest_idx == 0 {
                    return true;
                }
                rest_idx -= 1;
                (rest[rest_idx].1, rest[rest_idx].2)
            }
        };
        match d {
            Doc::Text(s) => width -= s.chars().count() as isize,
            Doc::Line => {
                if mode == Mode::Break {
                    return true;
                }
                width -= 1;
            }
            Doc::SoftLine => {
                if mode == Mode::Break {
                    return true;
                }
            }
            Doc::HardLine => return true,
            Doc::Indent(inner) => cmds.push((mode, inner)),
            Doc::Concat(parts) => {
                for p in parts.iter().rev() {
                    cmds.push((mode, p));
                }
            }
            Doc::Group(parts) => {
                let m = if parts.iter().any(has_hard) {
                    Mode::Break
                } else {
                    mode
                };
                for p in parts.iter().rev() {
                    cmds.push((m, p));
                }
            }
            Doc::IfBreak(b, f) => cmds.push((mode, if mode == Mode::Break { b } else { f })),
            Doc::Fluid(rhs) => {
                if mode == Mode::Break {
                    return true;
                }
                width -= 1;
                cmds.push((mode, rhs));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_breaks_when_too_long() {
        let items: Vec<Doc> = (0..3).map(|i| text(format!("\"item{i}\""))).collect();
        let d = group(vec![
            text("["),
            indent(vec![
                Doc::SoftLine,
                concat(join(vec![text(","), Doc::Line], items.clone())),
            ]),
            if_break(text(","), text("")),
            Doc::SoftLine,
            text("]"),
        ]);
        assert_eq!(print(&d, 0), "[\"item0\", \"item1\", \"item2\"]");
        let long = concat(vec![text("x".repeat(70)), d]);
        assert_eq!(
            print(&long, 0),
            format!(
                "{}[\n  \"item0\",\n  \"item1\",\n  \"item2\",\n]",
                "x".repeat(70)
            )
        );
    }
}
