//! TypeScript type expressions and their layout (following prettier's rules for
//! unions, type arguments and property signatures).

use crate::doc::{concat, group, if_break, indent, join, text, Doc};
use crate::naming::string_lit;
use sdkgen_core::ir::{Api, Literal, Primitive, TypeRef};

#[derive(Debug, Clone, PartialEq)]
pub enum TExpr {
    /// A keyword (`string`, `number`, `unknown`, `null`...).
    Kw(&'static str),
    /// A named type.
    Ref(String),
    /// A literal type, already quoted.
    Lit(String),
    /// `Array<T>`.
    Array(Box<TExpr>),
    /// `Record<string, T>`.
    Record(Box<TExpr>),
    /// `{ [key: string]: T }` (for type aliases, where `Record` cannot recurse).
    IndexObj(Box<TExpr>),
    Union(Vec<TExpr>),
    /// `(T & { key: "tag" })`: a union variant narrowed to its discriminator value.
    Tagged(Box<TExpr>, String, String),
    /// `Name<A, B>` of a runtime generic (`Stream<T>`).
    Generic(&'static str, Vec<TExpr>),
}

/// Where a type is used: inside a type alias, maps must be index-signature objects so a
/// recursive alias stays legal.
#[derive(Clone, Copy, PartialEq)]
pub enum Site {
    Member,
    Alias,
}

pub struct TypeNames<'a> {
    pub api: &'a Api,
    /// The TypeScript name of each `TypeId`.
    pub names: &'a [String],
}

impl TypeNames<'_> {
    pub fn expr(&self, t: &TypeRef, site: Site) -> TExpr {
        match t {
            TypeRef::Primitive { ty } => prim(*ty),
            TypeRef::Named { id } => TExpr::Ref(self.names[id.0].clone()),
            TypeRef::Array { items } => TExpr::Array(Box::new(self.expr(items, site))),
            TypeRef::Map { values } => {
                let v = Box::new(self.expr(values, site));
                match site {
                    Site::Member => TExpr::Record(v),
                    Site::Alias => TExpr::IndexObj(v),
                }
            }
            TypeRef::Nullable { inner } => union(vec![self.expr(inner, site), TExpr::Kw("null")]),
            TypeRef::Literal { value } => literal(value),
            TypeRef::Any => TExpr::Kw("unknown"),
        }
    }
}

pub fn prim(p: Primitive) -> TExpr {
    match p {
        Primitive::String
        | Primitive::DateTime
        | Primitive::Date
        | Primitive::Uuid
        | Primitive::Base64 => TExpr::Kw("string"),
        Primitive::Binary => TExpr::Ref("Uploadable".into()),
        Primitive::Integer | Primitive::Int64 | Primitive::Number => TExpr::Kw("number"),
        Primitive::Boolean => TExpr::Kw("boolean"),
    }
}

pub fn literal(l: &Literal) -> TExpr {
    match l {
        Literal::String(s) => TExpr::Lit(string_lit(s)),
        Literal::Integer(n) | Literal::Number(n) => match n.parse::<f64>() {
            Ok(f) if f.is_finite() && n.len() < 16 => TExpr::Lit(n.clone()),
            _ => TExpr::Kw("number"),
        },
        Literal::Boolean(b) => TExpr::Lit(b.to_string()),
        Literal::Null => TExpr::Kw("null"),
        Literal::Json(_) => TExpr::Kw("unknown"),
    }
}

/// A flattened, de-duplicated union; `unknown` absorbs everything.
pub fn union(members: Vec<TExpr>) -> TExpr {
    let mut out: Vec<TExpr> = Vec::new();
    for m in members {
        let parts = match m {
            TExpr::Union(ms) => ms,
            other => vec![other],
        };
        for p in parts {
            if p == TExpr::Kw("unknown") {
                return p;
            }
            if !out.contains(&p) {
                out.push(p);
            }
        }
    }
    // `null` last, as people write it.
    if let Some(i) = out.iter().position(|m| *m == TExpr::Kw("null")) {
        let n = out.remove(i);
        out.push(n);
    }
    match out.len() {
        0 => TExpr::Kw("never"),
        1 => out.pop().unwrap_or(TExpr::Kw("never")),
        _ => TExpr::Union(out),
    }
}

impl TExpr {
    /// Names of the referenced types.
    pub fn refs(&self, out: &mut Vec<String>) {
        match self {
            TExpr::Ref(n) => out.push(n.clone()),
            TExpr::Array(t) | TExpr::Record(t) | TExpr::IndexObj(t) | TExpr::Tagged(t, ..) => {
                t.refs(out)
            }
            TExpr::Union(ms) | TExpr::Generic(_, ms) => ms.iter().for_each(|m| m.refs(out)),
            TExpr::Kw(_) | TExpr::Lit(_) => {}
        }
    }

    /// A union prettier keeps on one line: one type reference (not a keyword) plus `null`.
    fn hugs(&self) -> bool {
        match self {
            TExpr::Union(ms) => {
                let non_null: Vec<&TExpr> =
                    ms.iter().filter(|m| **m != TExpr::Kw("null")).collect();
                ms.len() - non_null.len() == ms.len() - 1
                    && non_null.len() == 1
                    && matches!(
                        non_null[0],
                        TExpr::Ref(_) | TExpr::Array(_) | TExpr::Record(_) | TExpr::Generic(..)
                    )
            }
            _ => false,
        }
    }

    /// Simple for type-argument hugging: keywords, bare references, literals.
    fn simple(&self) -> bool {
        matches!(self, TExpr::Kw(_) | TExpr::Ref(_) | TExpr::Lit(_)) || self.hugs()
    }

    pub fn is_open_union(&self) -> bool {
        matches!(self, TExpr::Union(_)) && !self.hugs()
    }

    /// The members of a union, each as a doc, for `A | B` layouts.
    fn member_docs(&self, aligned: bool) -> Vec<Doc> {
        match self {
            // In the multi-line layout prettier aligns every member by 2 so a member
            // that breaks stays inside its `| ` column.
            TExpr::Union(ms) if aligned => ms.iter().map(|m| indent(vec![m.doc()])).collect(),
            TExpr::Union(ms) => ms.iter().map(|m| m.doc()).collect(),
            other => vec![other.doc()],
        }
    }

    /// `| A | B` code of a (non-hugging) union, without indentation.
    pub fn union_code(&self) -> Doc {
        group(vec![
            if_break(text("| "), text("")),
            concat(join(vec![Doc::Line, text("| ")], self.member_docs(true))),
        ])
    }

    pub fn doc(&self) -> Doc {
        match self {
            TExpr::Kw(k) => text(*k),
            TExpr::Ref(n) => text(n.clone()),
            TExpr::Lit(l) => text(l.clone()),
            TExpr::Array(inner) => type_args("Array", vec![inner]),
            TExpr::Record(inner) => type_args("Record", vec![&TExpr::Kw("string"), inner]),
            TExpr::IndexObj(inner) => group(vec![
                text("{"),
                indent(vec![
                    Doc::Line,
                    text("[key: string]: "),
                    inner.doc(),
                    if_break(text(";"), text("")),
                ]),
                Doc::Line,
                text("}"),
            ]),
            TExpr::Generic(name, args) => type_args(name, args.iter().collect()),
            TExpr::Tagged(inner, key, tag) => concat(vec![
                text("("),
                inner.doc(),
                text(" & "),
                group(vec![
                    text("{"),
                    indent(vec![
                        Doc::Line,
                        text(format!("{key}: {tag}")),
                        if_break(text(";"), text("")),
                    ]),
                    Doc::Line,
                    text("}"),
                ]),
                text(")"),
            ]),
            TExpr::Union(_) if self.hugs() => {
                concat(join(vec![text(" | ")], self.member_docs(false)))
            }
            TExpr::Union(_) => self.union_code(),
        }
    }

    /// `: T` of a property signature (prettier breaks a long union after the colon).
    pub fn annotation(&self) -> Doc {
        if self.is_open_union() {
            concat(vec![
                text(":"),
                group(vec![indent(vec![Doc::Line, self.union_code()])]),
            ])
        } else {
            concat(vec![text(": "), self.doc()])
        }
    }

    /// ` = T` of a type alias.
    pub fn alias_rhs(&self) -> Doc {
        if self.is_open_union() {
            concat(vec![
                text(" ="),
                group(vec![indent(vec![Doc::Line, self.union_code()])]),
            ])
        } else {
            concat(vec![text(" ="), Doc::Fluid(Box::new(self.doc()))])
        }
    }

    /// Flat text (for README examples and short signatures).
    pub fn flat(&self) -> String {
        crate::doc::print(&group(vec![self.doc()]), 0).replace('\n', " ")
    }
}

pub fn type_args(name: &str, args: Vec<&TExpr>) -> Doc {
    if args.len() == 1 && args[0].simple() {
        return concat(vec![text(format!("{name}<")), args[0].doc(), text(">")]);
    }
    let docs: Vec<Doc> = args
        .iter()
        .map(|a| {
            if a.is_open_union() {
                a.union_code()
            } else {
                a.doc()
            }
        })
        .collect();
    group(vec![
        text(format!("{name}<")),
        indent(vec![
            Doc::SoftLine,
            concat(join(vec![text(","), Doc::Line], docs)),
        ]),
        Doc::SoftLine,
        text(">"),
    ])
}
