//! How an SDK language spells the code of a migration guide (`sdkgen migration-guide`).
//!
//! The guide itself is language-free (sdkgen-diff decides what changed and what a user must
//! do); each emitter implements [`Phrasebook`] over one version of the API with its own
//! naming layer, so the code names exactly what that version of its SDK defines.

use crate::ir::Literal;

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
    /// A complete snippet after [`Phrasebook::setup`]: the operation called with its required
    /// arguments, its result bound to `result`, then the uses (or the default print).
    fn call(&self, operation: &str, uses: &[Use]) -> Option<String>;
}
