//! How an SDK language spells the code of a migration guide (`sdkgen migration-guide`).
//!
//! The guide itself is language-free (sdkgen-diff decides what changed and what a user must
//! do); each emitter implements [`Phrasebook`] over one version of the API with its own
//! naming layer, so the code names exactly what that version of its SDK defines.

use crate::ir::{Api, Literal, ObjectType, TypeKind, TypeRef};

/// Something done with the result of a call, written after it.
#[derive(Debug, Clone, PartialEq)]
pub enum Use {
    /// Read the property at this wire path of the result and print it.
    Print(Vec<String>),
    /// Branch on the property at this path holding this value.
    IfEquals(Vec<String>, Literal),
    /// Branch on the property at this path not being null (or absent).
    IfPresent(Vec<String>),
}

impl Use {
    /// This use of a page's `items_field[]...` as a use of one item (`None` when the path
    /// does not start there).
    pub fn on_item(&self, items_field: &str) -> Option<Use> {
        let strip = |path: &[String]| -> Option<Vec<String>> {
            let first = path.first()?;
            (first == &format!("{items_field}[]")).then(|| path[1..].to_vec())
        };
        Some(match self {
            Use::Print(p) => Use::Print(strip(p)?),
            Use::IfEquals(p, v) => Use::IfEquals(strip(p)?, v.clone()),
            Use::IfPresent(p) => Use::IfPresent(strip(p)?),
        })
    }
}

/// The objects and field positions along a wire `path` from a value of type `t` (aliases
/// followed); `None` when a step is missing or an optional or nullable step comes before the
/// last (reading through it needs a check a snippet does not make).
pub fn fields_along<'a>(
    api: &'a Api,
    mut t: &'a TypeRef,
    path: &[String],
) -> Option<Vec<(&'a ObjectType, usize)>> {
    let mut out = Vec::new();
    for (i, seg) in path.iter().enumerate() {
        let obj = loop {
            match t {
                TypeRef::Named { id } => match &api.types.get(id.0)?.kind {
                    TypeKind::Object(o) => break o,
                    TypeKind::Alias { target } => t = target,
                    _ => return None,
                },
                _ => return None,
            }
        };
        let k = obj.fields.iter().position(|f| f.name.wire == *seg)?;
        let f = &obj.fields[k];
        if i + 1 < path.len() && (!f.required || f.ty.is_nullable()) {
            return None;
        }
        out.push((obj, k));
        t = &f.ty;
    }
    Some(out)
}

pub trait Phrasebook {
    /// The code fence language (`python`, `typescript`, `go`, `java`, `csharp`).
    fn lang(&self) -> &str;
    /// What a heading calls it (`Python`).
    fn label(&self) -> &str;
    /// Imports and the construction of `client`, which every snippet assumes.
    fn setup(&self) -> String;
    /// How the method of an operation is referred to in prose (`client.sessions.create`).
    fn method(&self, operation: &str) -> Option<String>;
    /// The name a parameter or request body property (wire name) has as an argument.
    fn arg(&self, operation: &str, wire: &str) -> Option<String>;
    /// The property at `path` (wire names from the operation's result) as the SDK spells
    /// its access (`result.options.max_speakers`); `None` when the path cannot be read
    /// without a check the snippet does not make (an optional or nullable step between).
    fn read(&self, operation: &str, path: &[String]) -> Option<String>;
    /// The declaration of the method of an operation as the SDK defines it (parameters and
    /// result type), for the method reference.
    fn signature(&self, operation: &str) -> Option<String>;
    /// A complete snippet after [`Phrasebook::setup`]: the operation called with its required
    /// arguments, its result bound to `result`, then the uses (or the default print).
    fn call(&self, operation: &str, uses: &[Use]) -> Option<String>;
    /// A credential option of the client as the README's authentication table spells it
    /// (`api_key=`, `option.WithAPIKey`); `None`: its words joined by `_`.
    fn auth_option(&self, _option: &crate::auth::AuthOption) -> Option<String> {
        None
    }
}
