//! Line layout of Python type expressions, matching what `ruff format` produces, so the
//! output is formatter-clean by construction (line length 88).

pub const WIDTH: usize = 88;

/// A type expression: a name (`Session`, `None`, `"quoted"`) or a subscript (`List[...]`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ty {
    Name(String),
    Sub(String, Vec<Ty>),
}

impl Ty {
    pub fn name(s: impl Into<String>) -> Ty {
        Ty::Name(s.into())
    }

    pub fn sub(head: &str, args: Vec<Ty>) -> Ty {
        Ty::Sub(head.to_string(), args)
    }

    /// `Union[...]` of distinct members (flattening nested unions); one member stays itself.
    pub fn union(members: Vec<Ty>) -> Ty {
        let mut flat: Vec<Ty> = Vec::new();
        for m in members {
            match m {
                Ty::Sub(h, args) if h == "Union" => {
                    for a in args {
                        if !flat.contains(&a) {
                            flat.push(a);
                        }
                    }
                }
                other => {
                    if !flat.contains(&other) {
                        flat.push(other);
                    }
                }
            }
        }
        // `None` last, then `NotGiven`.
        let mut tail = Vec::new();
        for special in ["None", "NotGiven"] {
            if let Some(i) = flat.iter().position(|t| *t == Ty::name(special)) {
                tail.push(flat.remove(i));
            }
        }
        // `object` absorbs everything.
        if flat.contains(&Ty::name("object")) {
            flat = vec![Ty::name("object")];
        }
        flat.extend(tail);
        if flat.len() == 1 {
            flat.pop().unwrap()
        } else {
            Ty::Sub("Union".into(), flat)
        }
    }

    pub fn flat(&self) -> String {
        match self {
            Ty::Name(n) => n.clone(),
            Ty::Sub(h, args) => {
                let inner: Vec<String> = args.iter().map(Ty::flat).collect();
                format!("{h}[{}]", inner.join(", "))
            }
        }
    }

    /// Every identifier used (for imports).
    pub fn idents(&self, out: &mut Vec<String>) {
        match self {
            Ty::Name(n) => out.push(n.clone()),
            Ty::Sub(h, args) => {
                out.push(h.clone());
                for a in args {
                    a.idents(out);
                }
            }
        }
    }
}

/// How a too-long plain name is treated: `Paren` wraps it in parentheses (annotations
/// without a value, return annotations); `Keep` leaves the long line (ruff can't split it).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum LongName {
    Paren,
    Keep,
}

/// Lays out `prefix + ty + suffix` at `indent` spaces.
pub fn layout(ty: &Ty, indent: usize, prefix: &str, suffix: &str, long: LongName) -> Vec<String> {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{prefix}{}{suffix}", ty.flat());
    if one.len() <= WIDTH {
        return vec![one];
    }
    match ty {
        Ty::Name(n) => {
            if long == LongName::Paren && indent + 4 + n.len() <= WIDTH {
                vec![
                    format!("{pad}{prefix}("),
                    format!("{pad}    {n}"),
                    format!("{pad}){suffix}"),
                ]
            } else {
                vec![one]
            }
        }
        Ty::Sub(h, args) => {
            let mut out = vec![format!("{pad}{prefix}{h}[")];
            let joined: Vec<String> = args.iter().map(Ty::flat).collect();
            let joined = joined.join(", ");
            if indent + 4 + joined.len() <= WIDTH {
                out.push(format!("{pad}    {joined}"));
            } else if args.len() == 1 {
                out.extend(layout(&args[0], indent + 4, "", "", LongName::Keep));
            } else {
                for a in args {
                    out.extend(layout(a, indent + 4, "", ",", LongName::Keep));
                }
            }
            out.push(format!("{pad}]{suffix}"));
            out
        }
    }
}

/// A bracketed list exploded one item per line with a magic trailing comma (so the
/// formatter keeps it exploded). `items` are laid out at their absolute indentation; the
/// last line of each item gets its comma here.
pub fn exploded(indent: usize, head: &str, items: Vec<Vec<String>>, close: &str) -> Vec<String> {
    let pad = " ".repeat(indent);
    if items.is_empty() {
        return vec![format!("{pad}{head}{close}")];
    }
    let mut out = vec![format!("{pad}{head}")];
    for mut item in items {
        if let Some(last) = item.last_mut() {
            last.push(',');
        }
        out.extend(item);
    }
    out.push(format!("{pad}{close}"));
    out
}

/// A `def` line: on one line when it fits, else one parameter per line with a magic
/// trailing comma and the return annotation laid out after `) -> `.
pub fn def_line(indent: usize, name: &str, params: &[&str], ret: &Ty) -> Vec<String> {
    let pad = " ".repeat(indent);
    let one = format!("{pad}def {name}({}) -> {}:", params.join(", "), ret.flat());
    if one.len() <= WIDTH {
        return vec![one];
    }
    let mut out = vec![format!("{pad}def {name}(")];
    for p in params {
        out.push(format!("{pad}    {p},"));
    }
    out.extend(layout(ret, indent, ") -> ", ":", LongName::Paren));
    out
}

/// `target = func(arg)` (one line of text, already indented) laid out like ruff does.
pub fn assign_call(line: &str) -> Vec<String> {
    if line.len() <= WIDTH {
        return vec![line.to_string()];
    }
    let indent = line.len() - line.trim_start().len();
    let pad = " ".repeat(indent);
    let Some((lhs, rhs)) = line.trim_start().split_once(" = ") else {
        return vec![line.to_string()];
    };
    let Some((func, arg)) = rhs.split_once('(') else {
        return vec![line.to_string()];
    };
    let arg = arg.strip_suffix(')').unwrap_or(arg);
    let head = format!("{pad}{lhs} = {func}(");
    if head.len() <= WIDTH {
        return vec![head, format!("{pad}    {arg}"), format!("{pad})")];
    }
    let inner = format!("{pad}    {rhs}");
    if inner.len() <= WIDTH {
        return vec![format!("{pad}{lhs} = ("), inner, format!("{pad})")];
    }
    let nested_arg = format!("{pad}        {arg}");
    if nested_arg.len() <= WIDTH && indent + 4 + func.len() < WIDTH {
        return vec![
            format!("{pad}{lhs} = ("),
            format!("{pad}    {func}("),
            nested_arg,
            format!("{pad}    )"),
            format!("{pad})"),
        ];
    }
    vec![head, format!("{pad}    {arg}"), format!("{pad})")]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long() {
        let t = Ty::union(vec![Ty::name("A"), Ty::name("None")]);
        assert_eq!(
            layout(&t, 4, "x: ", " = None", LongName::Keep),
            vec!["    x: Union[A, None] = None"]
        );
        let long = "L".repeat(90);
        let t = Ty::union(vec![Ty::name(&long), Ty::name("None")]);
        let l = layout(&t, 4, "x: ", " = None", LongName::Keep);
        assert_eq!(l[0], "    x: Union[");
        assert_eq!(l.last().unwrap(), "    ] = None");
    }
}
