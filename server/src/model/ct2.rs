//! Reader for CTranslate2's `model.bin` (binary format version 6 and nearby).
//!
//! Layout, all little-endian: u32 version, string spec name, u32 revision, u32 variable
//! count; per variable: string name, u8 rank, u32 dims[rank], u8 dtype, u32 byte length,
//! raw data. Then (version >= 3) u32 alias count and per alias two strings (alias, target).
//! A string is a u16 length followed by that many bytes, NUL-terminated.
//!
//! The reader borrows the variable data from the input buffer and never panics: every
//! read is bounds-checked and reported as a [`Ct2Error`].

use std::fmt;

use thiserror::Error;

/// Element type of a CTranslate2 variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    F32,
    I8,
    I16,
    I32,
    F16,
    BF16,
}

impl DType {
    fn from_code(code: u8) -> Option<DType> {
        Some(match code {
            0 => DType::F32,
            1 => DType::I8,
            2 => DType::I16,
            3 => DType::I32,
            4 => DType::F16,
            5 => DType::BF16,
            _ => return None,
        })
    }

    /// Size of one element in bytes.
    pub fn size(self) -> usize {
        match self {
            DType::I8 => 1,
            DType::I16 | DType::F16 | DType::BF16 => 2,
            DType::F32 | DType::I32 => 4,
        }
    }
}

impl fmt::Display for DType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            DType::F32 => "float32",
            DType::I8 => "int8",
            DType::I16 => "int16",
            DType::I32 => "int32",
            DType::F16 => "float16",
            DType::BF16 => "bfloat16",
        };
        f.write_str(s)
    }
}

/// Errors from parsing a `model.bin`.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Ct2Error {
    #[error("truncated CTranslate2 model: needed {needed} bytes for {what} at offset {offset}, file has {len}")]
    Truncated {
        what: &'static str,
        offset: usize,
        needed: usize,
        len: usize,
    },
    #[error("unsupported CTranslate2 binary version {0} (this reader handles 3..=6)")]
    UnsupportedVersion(u32),
    #[error("string at offset {offset} is not valid UTF-8")]
    BadString { offset: usize },
    #[error("variable `{name}` has unknown dtype code {code}")]
    UnknownDType { name: String, code: u8 },
    #[error("variable `{name}`: {dims:?} x {dtype} needs {expected} bytes, header says {actual}")]
    SizeMismatch {
        name: String,
        dims: Vec<u32>,
        dtype: DType,
        expected: u64,
        actual: u64,
    },
    #[error("duplicate variable `{0}`")]
    Duplicate(String),
    #[error("{0} unexpected bytes after the end of the model")]
    TrailingBytes(usize),
}

/// One named tensor (or scalar, rank 0) of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variable<'a> {
    pub name: String,
    pub dims: Vec<u32>,
    pub dtype: DType,
    pub data: &'a [u8],
}

impl Variable<'_> {
    pub fn rank(&self) -> usize {
        self.dims.len()
    }

    pub fn num_elements(&self) -> u64 {
        self.dims.iter().map(|&d| u64::from(d)).product()
    }

    /// The value of a rank-0 integer variable (such as `encoder/num_heads`).
    pub fn scalar_int(&self) -> Option<i64> {
        if !self.dims.is_empty() {
            return None;
        }
        let d = self.data;
        match self.dtype {
            DType::I8 => d.first().map(|&b| i64::from(b as i8)),
            DType::I16 => d
                .get(..2)
                .map(|b| i64::from(i16::from_le_bytes([b[0], b[1]]))),
            DType::I32 => d
                .get(..4)
                .map(|b| i64::from(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))),
            _ => None,
        }
    }
}

/// A parsed `model.bin`; variables are kept in file order (CTranslate2 writes them sorted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ct2Model<'a> {
    pub version: u32,
    pub spec: String,
    pub revision: u32,
    pub variables: Vec<Variable<'a>>,
    /// `(alias, target)` pairs, e.g. `decoder/projection/weight` -> `decoder/embeddings/weight`.
    pub aliases: Vec<(String, String)>,
}

impl<'a> Ct2Model<'a> {
    /// Parses a whole `model.bin` held in memory.
    pub fn parse(bytes: &'a [u8]) -> Result<Ct2Model<'a>, Ct2Error> {
        let mut r = Reader { buf: bytes, pos: 0 };
        let version = r.u32("version")?;
        if !(3..=6).contains(&version) {
            return Err(Ct2Error::UnsupportedVersion(version));
        }
        let spec = r.string("spec name")?;
        let revision = r.u32("spec revision")?;
        let count = r.u32("variable count")?;
        let mut variables: Vec<Variable<'a>> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for _ in 0..count {
            let name = r.string("variable name")?;
            let rank = r.u8("variable rank")?;
            let mut dims = Vec::with_capacity(usize::from(rank));
            for _ in 0..rank {
                dims.push(r.u32("variable dims")?);
            }
            let code = r.u8("variable dtype")?;
            let dtype = DType::from_code(code).ok_or_else(|| Ct2Error::UnknownDType {
                name: name.clone(),
                code,
            })?;
            let nbytes = r.u32("variable byte length")?;
            let expected = dims
                .iter()
                .try_fold(dtype.size() as u64, |acc, &d| acc.checked_mul(u64::from(d)));
            if expected != Some(u64::from(nbytes)) {
                return Err(Ct2Error::SizeMismatch {
                    name,
                    dims,
                    dtype,
                    expected: expected.unwrap_or(u64::MAX),
                    actual: u64::from(nbytes),
                });
            }
            let data = r.bytes(nbytes as usize, "variable data")?;
            if !seen.insert(name.clone()) {
                return Err(Ct2Error::Duplicate(name));
            }
            variables.push(Variable {
                name,
                dims,
                dtype,
                data,
            });
        }
        let mut aliases = Vec::new();
        if r.remaining() > 0 {
            let n = r.u32("alias count")?;
            for _ in 0..n {
                let alias = r.string("alias name")?;
                let target = r.string("alias target")?;
                aliases.push((alias, target));
            }
        }
        if r.remaining() > 0 {
            return Err(Ct2Error::TrailingBytes(r.remaining()));
        }
        Ok(Ct2Model {
            version,
            spec,
            revision,
            variables,
            aliases,
        })
    }

    /// Looks a variable up by name, following aliases.
    pub fn get(&self, name: &str) -> Option<&Variable<'a>> {
        let name = self
            .aliases
            .iter()
            .find(|(a, _)| a == name)
            .map_or(name, |(_, t)| t.as_str());
        self.variables.iter().find(|v| v.name == name)
    }
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn bytes(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], Ct2Error> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.buf.len());
        match end {
            Some(end) => {
                let s = &self.buf[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(Ct2Error::Truncated {
                what,
                offset: self.pos,
                needed: n,
                len: self.buf.len(),
            }),
        }
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, Ct2Error> {
        Ok(self.bytes(1, what)?[0])
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, Ct2Error> {
        let b = self.bytes(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, Ct2Error> {
        let b = self.bytes(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn string(&mut self, what: &'static str) -> Result<String, Ct2Error> {
        let len = self.u16(what)?;
        let offset = self.pos;
        let raw = self.bytes(usize::from(len), what)?;
        let trimmed: &[u8] = match raw.iter().position(|&b| b == 0) {
            Some(i) => &raw[..i],
            None => raw,
        };
        std::str::from_utf8(trimmed)
            .map(str::to_owned)
            .map_err(|_| Ct2Error::BadString { offset })
    }
}

/// Helpers to build synthetic `model.bin` files (tests of this crate only).
#[cfg(test)]
pub(crate) mod testutil {
    pub fn string(out: &mut Vec<u8>, s: &str) {
        out.extend_from_slice(&((s.len() + 1) as u16).to_le_bytes());
        out.extend_from_slice(s.as_bytes());
        out.push(0);
    }

    /// `vars`: (name, dims, dtype code, raw data).
    pub fn model_bin(vars: &[(&str, Vec<u32>, u8, Vec<u8>)], aliases: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&6u32.to_le_bytes());
        string(&mut out, "WhisperSpec");
        out.extend_from_slice(&3u32.to_le_bytes());
        out.extend_from_slice(&(vars.len() as u32).to_le_bytes());
        for (name, dims, code, data) in vars {
            string(&mut out, name);
            out.push(dims.len() as u8);
            for d in dims {
                out.extend_from_slice(&d.to_le_bytes());
            }
            out.push(*code);
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(data);
        }
        out.extend_from_slice(&(aliases.len() as u32).to_le_bytes());
        for (a, t) in aliases {
            string(&mut out, a);
            string(&mut out, t);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::model_bin;
    use super::*;

    fn sample() -> Vec<u8> {
        model_bin(
            &[
                ("decoder/embeddings/weight", vec![2, 3], 4, vec![0u8; 12]),
                ("decoder/num_heads", vec![], 2, 6i16.to_le_bytes().to_vec()),
                (
                    "encoder/conv1/bias",
                    vec![2],
                    0,
                    vec![0, 0, 128, 63, 0, 0, 0, 64],
                ),
            ],
            &[("decoder/projection/weight", "decoder/embeddings/weight")],
        )
    }

    #[test]
    fn parses_variables_dtypes_dims_and_aliases() {
        let bytes = sample();
        let m = Ct2Model::parse(&bytes).unwrap();
        assert_eq!(m.version, 6);
        assert_eq!(m.spec, "WhisperSpec");
        assert_eq!(m.revision, 3);
        assert_eq!(m.variables.len(), 3);
        let emb = &m.variables[0];
        assert_eq!(emb.name, "decoder/embeddings/weight");
        assert_eq!(emb.dims, vec![2, 3]);
        assert_eq!(emb.dtype, DType::F16);
        assert_eq!(emb.data.len(), 12);
        assert_eq!(emb.num_elements(), 6);
        let heads = m.get("decoder/num_heads").unwrap();
        assert_eq!(heads.rank(), 0);
        assert_eq!(heads.dtype, DType::I16);
        assert_eq!(heads.scalar_int(), Some(6));
        let bias = m.get("encoder/conv1/bias").unwrap();
        assert_eq!(bias.dtype, DType::F32);
        assert_eq!(bias.data, &[0, 0, 128, 63, 0, 0, 0, 64]);
        assert_eq!(
            m.get("decoder/projection/weight").unwrap().name,
            "decoder/embeddings/weight"
        );
        assert!(m.get("nope").is_none());
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let bytes = sample();
        // A file that ends right after the variables (no alias section) is a valid model.
        let end_of_variables = bytes.len() - 4 - (2 + 26) - (2 + 26);
        assert!(Ct2Model::parse(&bytes[..end_of_variables]).is_ok());
        for len in (0..bytes.len()).filter(|&l| l != end_of_variables) {
            let err = Ct2Model::parse(&bytes[..len]);
            assert!(err.is_err(), "prefix of {len} bytes parsed");
        }
        let err = Ct2Model::parse(&bytes[..20]).unwrap_err();
        assert!(matches!(err, Ct2Error::Truncated { .. }), "{err}");
    }

    #[test]
    fn corrupt_headers_are_errors() {
        let mut bytes = sample();
        bytes[0] = 99;
        assert_eq!(
            Ct2Model::parse(&bytes).unwrap_err(),
            Ct2Error::UnsupportedVersion(99)
        );

        // Byte length disagreeing with dims x dtype.
        let bad = model_bin(&[("x", vec![4], 4, vec![0u8; 6])], &[]);
        assert!(matches!(
            Ct2Model::parse(&bad).unwrap_err(),
            Ct2Error::SizeMismatch {
                expected: 8,
                actual: 6,
                ..
            }
        ));

        // Unknown dtype code.
        let bad = model_bin(&[("x", vec![1], 9, vec![0u8; 1])], &[]);
        assert!(matches!(
            Ct2Model::parse(&bad).unwrap_err(),
            Ct2Error::UnknownDType { code: 9, .. }
        ));

        // Huge declared length must not allocate or panic.
        let mut huge = model_bin(&[("x", vec![1], 1, vec![0u8; 1])], &[]);
        let len_at = 4 + 2 + 12 + 4 + 4 + 2 + 2 + 1 + 4 + 1;
        huge[len_at..len_at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(Ct2Model::parse(&huge).is_err());

        // Overflowing dims product.
        let bad = model_bin(&[("x", vec![u32::MAX, u32::MAX, u32::MAX], 0, vec![])], &[]);
        assert!(matches!(
            Ct2Model::parse(&bad).unwrap_err(),
            Ct2Error::SizeMismatch { .. }
        ));

        // Garbage after the alias section.
        let mut trailing = sample();
        trailing.push(1);
        assert_eq!(
            Ct2Model::parse(&trailing).unwrap_err(),
            Ct2Error::TrailingBytes(1)
        );

        // Invalid UTF-8 in a name.
        let mut bad = model_bin(&[("xy", vec![], 1, vec![0])], &[]);
        let name_at = 4 + 2 + 12 + 4 + 4 + 2;
        bad[name_at] = 0xff;
        assert!(matches!(
            Ct2Model::parse(&bad).unwrap_err(),
            Ct2Error::BadString { .. }
        ));

        // Duplicate names.
        let dup = model_bin(&[("x", vec![], 1, vec![0]), ("x", vec![], 1, vec![0])], &[]);
        assert_eq!(
            Ct2Model::parse(&dup).unwrap_err(),
            Ct2Error::Duplicate("x".into())
        );
    }
}
