//! Reading spec files (JSON or YAML) into one tree per file, and resolving `$ref`s across
//! them by JSON pointer. No interpretation of OpenAPI happens here.

use crate::diag::{unescape_token, Diagnostic, Severity};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// One parsed file.
#[derive(Debug)]
pub struct Document {
    /// The path as given (for messages).
    pub name: String,
    pub path: PathBuf,
    pub root: Value,
    /// The path relative to the root spec's folder (stable across machines; used in the IR).
    pub rel: String,
    text: String,
    json: bool,
    /// Earlier `line_of` lookups.
    memo: RefCell<crate::locate::Memo>,
}

impl Document {
    /// Best-effort 1-based line of the node at `pointer`.
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        crate::locate::line_of_memo(&self.text, self.json, pointer, &mut self.memo.borrow_mut())
    }
}

/// A location: a document and a JSON pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub doc: usize,
    pub pointer: String,
}

impl Loc {
    pub fn child(&self, token: &str) -> Loc {
        Loc {
            doc: self.doc,
            pointer: format!("{}/{}", self.pointer, crate::diag::escape_token(token)),
        }
    }
    pub fn index(&self, i: usize) -> Loc {
        Loc {
            doc: self.doc,
            pointer: format!("{}/{i}", self.pointer),
        }
    }
}

/// All documents reachable from the root spec.
#[derive(Debug, Default)]
pub struct Store {
    pub docs: Vec<Rc<Document>>,
    by_path: HashMap<PathBuf, usize>,
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Diagnostic(Box<Diagnostic>),
}

fn fail(file: &str, line: Option<usize>, message: String) -> LoadError {
    LoadError::Diagnostic(Box::new(Diagnostic {
        severity: Severity::Error,
        file: file.to_string(),
        pointer: String::new(),
        line,
        message,
    }))
}

impl Store {
    /// Reads the root spec. Further files are read when a `$ref` needs them.
    pub fn open(path: &Path) -> Result<(Store, usize), LoadError> {
        let mut store = Store::default();
        let idx = store.read(path)?;
        Ok((store, idx))
    }

    /// Parses text directly (tests, stdin). `name` is used in messages and to resolve
    /// relative references.
    pub fn from_text(name: &str, text: String) -> Result<(Store, usize), LoadError> {
        let mut store = Store::default();
        let doc = parse_document(name, Path::new(name), text)?;
        store.docs.push(Rc::new(doc));
        Ok((store, 0))
    }

    fn read(&mut self, path: &Path) -> Result<usize, LoadError> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(&i) = self.by_path.get(&key) {
            return Ok(i);
        }
        let name = path.display().to_string();
        let bytes = read_spec_file(path).map_err(|e| fail(&name, None, e))?;
        let text = String::from_utf8(bytes)
            .map_err(|e| fail(&name, None, format!("file is not UTF-8: {e}")))?;
        let mut doc = parse_document(&name, path, text)?;
        doc.rel = match self.docs.first() {
            Some(root) => relative_to(root.path.parent().unwrap_or(Path::new("")), path),
            None => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        self.docs.push(Rc::new(doc));
        let i = self.docs.len() - 1;
        self.by_path.insert(key, i);
        Ok(i)
    }

    pub fn doc(&self, i: usize) -> &Document {
        &self.docs[i]
    }

    /// A shared handle on a document: nodes borrowed from it outlive borrows of the store.
    pub fn rc(&self, i: usize) -> Rc<Document> {
        Rc::clone(&self.docs[i])
    }

    /// Mutable access before lowering starts (the Swagger 2.0 upgrade).
    pub fn doc_mut(&mut self, i: usize) -> Option<&mut Document> {
        Rc::get_mut(&mut self.docs[i])
    }

    pub fn get(&self, loc: &Loc) -> Option<&Value> {
        pointer_get(&self.docs[loc.doc].root, &loc.pointer)
    }

    /// Resolves a `$ref` string found in document `from`. Loads other files as needed.
    pub fn resolve_ref(&mut self, from: usize, reference: &str) -> Result<Loc, String> {
        let (file, fragment) = match reference.split_once('#') {
            Some((f, frag)) => (f, frag),
            None => (reference, ""),
        };
        let doc = if file.is_empty() {
            from
        } else {
            if file.contains("://") {
                return Err(format!(
                    "remote reference `{reference}` is not fetched; only local files are"
                ));
            }
            let base = self.docs[from]
                .path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let target = base.join(file);
            self.read(&target).map_err(|e| match e {
                LoadError::Diagnostic(d) => format!("reference `{reference}`: {}", d.message),
            })?
        };
        let pointer = fragment.to_string();
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(format!(
                "reference `{reference}` has a fragment that is not a JSON pointer"
            ));
        }
        let loc = Loc { doc, pointer };
        if self.get(&loc).is_none() {
            return Err(format!("reference `{reference}` points to nothing"));
        }
        Ok(loc)
    }

    /// The JSON pointer text of a location, with a file prefix when not in the root doc.
    pub fn describe(&self, loc: &Loc) -> String {
        if loc.doc == 0 {
            loc.pointer.clone()
        } else {
            format!("{}#{}", self.docs[loc.doc].rel, loc.pointer)
        }
    }
}

/// `path` relative to `base`, with `.` and `..` resolved lexically; `/`-separated.
/// The largest spec file read (the biggest real specs are tens of megabytes).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// The bytes of a spec file: a regular file of at most [`MAX_FILE_BYTES`], so a reference to
/// a device (`/dev/zero`), a FIFO or a huge file is an error instead of a hang.
fn read_spec_file(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read file: {e}"))?;
    if !meta.is_file() {
        return Err("not a regular file".to_string());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is {} bytes, more than the {MAX_FILE_BYTES} a spec may have",
            meta.len()
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read file: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "file grew past the {MAX_FILE_BYTES} bytes a spec may have"
        ));
    }
    Ok(bytes)
}

fn relative_to(base: &Path, path: &Path) -> String {
    use std::path::Component;
    let norm = |p: &Path| {
        let mut out: Vec<String> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    if out.last().is_some_and(|l| l != "..") {
                        out.pop();
                    } else {
                        out.push("..".into());
                    }
                }
                other => out.push(other.as_os_str().to_string_lossy().into_owned()),
            }
        }
        out
    };
    let (b, p) = (norm(base), norm(path));
    let common = b.iter().zip(&p).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); b.len() - common];
    parts.extend(p[common..].iter().cloned());
    parts.join("/")
}

/// Looks up an RFC 6901 pointer.
pub fn pointer_get<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut cur = root;
    for raw in pointer.strip_prefix('/')?.split('/') {
        let owned;
        let tok: &str = if raw.contains(['~', '%']) {
            owned = unescape_token(raw);
            &owned
        } else {
            raw
        };
        cur = match cur {
            Value::Object(m) => m.get(tok)?,
            Value::Array(a) => a.get(tok.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn parse_document(name: &str, path: &Path, text: String) -> Result<Document, LoadError> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let json = trimmed.starts_with('{') || trimmed.starts_with('[');
    let root = if json {
        serde_json::from_str::<Value>(trimmed)
            .map_err(|e| fail(name, Some(e.line()), format!("invalid JSON: {e}")))?
    } else {
        crate::yaml::check_flow_depth(trimmed).map_err(|(line, m)| fail(name, Some(line), m))?;
        serde_yaml_ng::from_str::<crate::yaml::Json>(trimmed)
            .map(|j| j.0)
            .map_err(|e| {
                fail(
                    name,
                    e.location().map(|l| l.line()),
                    format!("invalid YAML: {e}"),
                )
            })?
    };
    if !root.is_object() {
        return Err(fail(
            name,
            Some(1),
            "the document is not an object".to_string(),
        ));
    }
    Ok(Document {
        name: name.to_string(),
        path: path.to_path_buf(),
        rel: name.to_string(),
        root,
        text,
        json,
        memo: RefCell::default(),
    })
}
