//! Writer of whisper.cpp's ggml model file from a CTranslate2 Whisper model.
//!
//! File layout (little-endian i32 unless said otherwise):
//! magic `0x67676d6c`; 11 hparams (n_vocab, n_audio_ctx, n_audio_state, n_audio_head,
//! n_audio_layer, n_text_ctx, n_text_state, n_text_head, n_text_layer, n_mels, ftype = 1);
//! n_mels, n_fft_bins and the mel filterbank as f32; the vocabulary size and per token its
//! length and raw bytes; then per tensor: n_dims, name length, type (0 f32, 1 f16), dims in
//! reversed (ggml `ne`) order, the name, the data.

use std::io::{self, Write};

use thiserror::Error;

use super::ct2::{Ct2Model, DType, Variable};
use super::mel;

pub const GGML_MAGIC: u32 = 0x6767_6d6c;
pub const SAMPLE_RATE: u32 = 16_000;
pub const N_FFT: usize = 400;
pub const END_OF_TEXT: &str = "<|endoftext|>";

#[derive(Debug, Error)]
pub enum GgmlError {
    #[error("the CTranslate2 model has no variable `{0}`")]
    Missing(String),
    #[error("variable `{name}` has shape {dims:?}, expected {expected}")]
    BadShape {
        name: String,
        dims: Vec<u32>,
        expected: String,
    },
    #[error("variable `{name}` is {dtype}; only float16 and float32 weights can be converted")]
    UnsupportedDType { name: String, dtype: DType },
    #[error("not a Whisper model (spec `{0}`)")]
    NotWhisper(String),
    #[error("layer numbering under `{0}` is not 0..n")]
    LayerGaps(String),
    #[error("vocabulary.txt: {0}")]
    Vocabulary(String),
    #[error("writing the ggml file: {0}")]
    Io(#[from] io::Error),
}

/// Whisper hyper-parameters as whisper.cpp reads them, derived from the tensors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HParams {
    pub n_vocab: u32,
    pub n_audio_ctx: u32,
    pub n_audio_state: u32,
    pub n_audio_head: u32,
    pub n_audio_layer: u32,
    pub n_text_ctx: u32,
    pub n_text_state: u32,
    pub n_text_head: u32,
    pub n_text_layer: u32,
    pub n_mels: u32,
    /// 1: mostly f16.
    pub ftype: u32,
}

fn var<'m, 'a>(m: &'m Ct2Model<'a>, name: &str) -> Result<&'m Variable<'a>, GgmlError> {
    m.get(name)
        .ok_or_else(|| GgmlError::Missing(name.to_owned()))
}

fn dim(m: &Ct2Model<'_>, name: &str, rank: usize, axis: usize) -> Result<u32, GgmlError> {
    let v = var(m, name)?;
    if v.rank() != rank {
        return Err(GgmlError::BadShape {
            name: name.to_owned(),
            dims: v.dims.clone(),
            expected: format!("rank {rank}"),
        });
    }
    Ok(v.dims[axis])
}

fn heads(m: &Ct2Model<'_>, name: &str) -> Result<u32, GgmlError> {
    let v = var(m, name)?;
    v.scalar_int()
        .and_then(|h| u32::try_from(h).ok())
        .filter(|&h| h > 0)
        .ok_or_else(|| GgmlError::BadShape {
            name: name.to_owned(),
            dims: v.dims.clone(),
            expected: "a positive integer scalar".into(),
        })
}

/// Number of `<side>/layer_N/` blocks, checking they are numbered 0..n.
fn layers(m: &Ct2Model<'_>, side: &str) -> Result<u32, GgmlError> {
    let prefix = format!("{side}/layer_");
    let mut seen = std::collections::BTreeSet::new();
    for v in &m.variables {
        if let Some(rest) = v.name.strip_prefix(&prefix) {
            if let Some((n, _)) = rest.split_once('/') {
                if let Ok(n) = n.parse::<u32>() {
                    seen.insert(n);
                }
            }
        }
    }
    let n = seen.len() as u32;
    if seen.iter().copied().ne(0..n) {
        return Err(GgmlError::LayerGaps(side.to_owned()));
    }
    Ok(n)
}

impl HParams {
    pub fn from_model(m: &Ct2Model<'_>) -> Result<HParams, GgmlError> {
        if m.spec != "WhisperSpec" {
            return Err(GgmlError::NotWhisper(m.spec.clone()));
        }
        Ok(HParams {
            n_vocab: dim(m, "decoder/embeddings/weight", 2, 0)?,
            n_audio_ctx: dim(m, "encoder/position_encodings/encodings", 2, 0)?,
            n_audio_state: dim(m, "encoder/conv2/weight", 3, 0)?,
            n_audio_head: heads(m, "encoder/num_heads")?,
            n_audio_layer: layers(m, "encoder")?,
            n_text_ctx: dim(m, "decoder/position_encodings/encodings", 2, 0)?,
            n_text_state: dim(m, "decoder/embeddings/weight", 2, 1)?,
            n_text_head: heads(m, "decoder/num_heads")?,
            n_text_layer: layers(m, "decoder")?,
            n_mels: dim(m, "encoder/conv1/weight", 3, 1)?,
            ftype: 1,
        })
    }

    fn to_array(self) -> [u32; 11] {
        [
            self.n_vocab,
            self.n_audio_ctx,
            self.n_audio_state,
            self.n_audio_head,
            self.n_audio_layer,
            self.n_text_ctx,
            self.n_text_state,
            self.n_text_head,
            self.n_text_layer,
            self.n_mels,
            self.ftype,
        ]
    }
}

/// GPT-2's byte-to-unicode alphabet: `table[b]` is the character standing for byte `b`.
pub fn byte_to_unicode() -> [char; 256] {
    let mut table = ['\0'; 256];
    let mut n = 0u32;
    for b in 0..=255u8 {
        let printable = matches!(b, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF);
        table[usize::from(b)] = if printable {
            char::from(b)
        } else {
            let c = char::from_u32(256 + n).expect("256..324 are chars");
            n += 1;
            c
        };
    }
    table
}

/// Decodes one token of `vocabulary.txt` (GPT-2 byte-level alphabet) back to raw bytes.
pub fn decode_token(token: &str, decoder: &std::collections::HashMap<char, u8>) -> Option<Vec<u8>> {
    token.chars().map(|c| decoder.get(&c).copied()).collect()
}

/// The regular BPE tokens of `vocabulary.txt` (one per line, up to `<|endoftext|>`,
/// exclusive) as raw bytes. whisper.cpp synthesises the special tokens itself.
pub fn decode_vocabulary(text: &str) -> Result<Vec<Vec<u8>>, GgmlError> {
    let decoder: std::collections::HashMap<char, u8> = byte_to_unicode()
        .iter()
        .enumerate()
        .map(|(b, &c)| (c, b as u8))
        .collect();
    let mut tokens = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line == END_OF_TEXT {
            return Ok(tokens);
        }
        let raw = decode_token(line, &decoder).ok_or_else(|| {
            GgmlError::Vocabulary(format!(
                "line {}: {line:?} is not in GPT-2's byte alphabet",
                i + 1
            ))
        })?;
        tokens.push(raw);
    }
    Err(GgmlError::Vocabulary(format!("no {END_OF_TEXT} line")))
}

/// Element type of a tensor in the ggml file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TensorType {
    F32 = 0,
    F16 = 1,
}

/// One tensor of the output: a CTranslate2 variable, or one of `parts` equal row blocks
/// of a fused one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTensor {
    pub name: String,
    pub source: String,
    /// `(index, parts)`: rows `index * n / parts ..` of the source's first axis.
    pub part: Option<(u32, u32)>,
    /// Shape in numpy (row-major) order; written reversed.
    pub shape: Vec<u32>,
    pub ttype: TensorType,
}

struct Planner<'m, 'a> {
    model: &'m Ct2Model<'a>,
    out: Vec<PlannedTensor>,
}

impl Planner<'_, '_> {
    fn add(
        &mut self,
        name: String,
        source: String,
        part: Option<(u32, u32)>,
    ) -> Result<(), GgmlError> {
        let v = var(self.model, &source)?;
        let mut shape = v.dims.clone();
        if let Some((_, parts)) = part {
            match shape.first_mut() {
                Some(d0) if *d0 % parts == 0 => *d0 /= parts,
                _ => {
                    return Err(GgmlError::BadShape {
                        name: source,
                        dims: v.dims.clone(),
                        expected: format!("a first axis divisible by {parts}"),
                    })
                }
            }
        }
        let conv_bias = name == "encoder.conv1.bias" || name == "encoder.conv2.bias";
        if conv_bias {
            shape.push(1);
        }
        let f32_always = conv_bias || name.ends_with("positional_embedding");
        let ttype = if shape.len() < 2 || f32_always {
            TensorType::F32
        } else {
            TensorType::F16
        };
        self.out.push(PlannedTensor {
            name,
            source,
            part,
            shape,
            ttype,
        });
        Ok(())
    }

    fn whole(&mut self, name: &str, source: &str) -> Result<(), GgmlError> {
        self.add(name.to_owned(), source.to_owned(), None)
    }

    fn linear(&mut self, dst: &str, src: &str) -> Result<(), GgmlError> {
        self.whole(&format!("{dst}.weight"), &format!("{src}/weight"))?;
        self.whole(&format!("{dst}.bias"), &format!("{src}/bias"))
    }

    fn norm(&mut self, dst: &str, src: &str) -> Result<(), GgmlError> {
        self.whole(&format!("{dst}.weight"), &format!("{src}/gamma"))?;
        self.whole(&format!("{dst}.bias"), &format!("{src}/beta"))
    }

    /// `fused` holds `parts` projections stacked on the first axis; `names` are their
    /// OpenAI names in that order. Key projections have no bias (their bias slice is zero
    /// in CTranslate2) and get none here.
    fn fused(&mut self, dst: &str, src: &str, names: &[&str]) -> Result<(), GgmlError> {
        let parts = names.len() as u32;
        for (i, n) in names.iter().enumerate() {
            let part = Some((i as u32, parts));
            self.add(format!("{dst}.{n}.weight"), format!("{src}/weight"), part)?;
            if *n != "key" {
                self.add(format!("{dst}.{n}.bias"), format!("{src}/bias"), part)?;
            }
        }
        Ok(())
    }

    fn block(&mut self, side: &str, i: u32) -> Result<(), GgmlError> {
        let dst = format!("{side}.blocks.{i}");
        let src = format!("{side}/layer_{i}");
        self.fused(
            &format!("{dst}.attn"),
            &format!("{src}/self_attention/linear_0"),
            &["query", "key", "value"],
        )?;
        self.linear(
            &format!("{dst}.attn.out"),
            &format!("{src}/self_attention/linear_1"),
        )?;
        self.norm(
            &format!("{dst}.attn_ln"),
            &format!("{src}/self_attention/layer_norm"),
        )?;
        if side == "decoder" {
            self.linear(
                &format!("{dst}.cross_attn.query"),
                &format!("{src}/attention/linear_0"),
            )?;
            self.fused(
                &format!("{dst}.cross_attn"),
                &format!("{src}/attention/linear_1"),
                &["key", "value"],
            )?;
            self.linear(
                &format!("{dst}.cross_attn.out"),
                &format!("{src}/attention/linear_2"),
            )?;
            self.norm(
                &format!("{dst}.cross_attn_ln"),
                &format!("{src}/attention/layer_norm"),
            )?;
        }
        self.linear(&format!("{dst}.mlp.0"), &format!("{src}/ffn/linear_0"))?;
        self.linear(&format!("{dst}.mlp.2"), &format!("{src}/ffn/linear_1"))?;
        self.norm(&format!("{dst}.mlp_ln"), &format!("{src}/ffn/layer_norm"))
    }
}

/// The output tensors, in file order (the order of OpenAI's checkpoint state dict).
pub fn plan(model: &Ct2Model<'_>, hp: &HParams) -> Result<Vec<PlannedTensor>, GgmlError> {
    let mut p = Planner {
        model,
        out: Vec::new(),
    };
    p.whole(
        "encoder.positional_embedding",
        "encoder/position_encodings/encodings",
    )?;
    p.linear("encoder.conv1", "encoder/conv1")?;
    p.linear("encoder.conv2", "encoder/conv2")?;
    for i in 0..hp.n_audio_layer {
        p.block("encoder", i)?;
    }
    p.norm("encoder.ln_post", "encoder/layer_norm")?;
    p.whole(
        "decoder.positional_embedding",
        "decoder/position_encodings/encodings",
    )?;
    p.whole(
        "decoder.token_embedding.weight",
        "decoder/embeddings/weight",
    )?;
    for i in 0..hp.n_text_layer {
        p.block("decoder", i)?;
    }
    p.norm("decoder.ln", "decoder/layer_norm")?;
    Ok(p.out)
}

/// IEEE half to single precision, exact (subnormals included).
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let exp = u32::from((h >> 10) & 0x1f);
    let man = u32::from(h & 0x3ff);
    let bits = match exp {
        0 if man == 0 => sign,
        0 => {
            // Subnormal: man * 2^-24; normalise so the leading one becomes implicit.
            let shift = man.leading_zeros() - 21; // brings bit 10 to the top of the mantissa
            let m = (man << shift) & 0x3ff;
            let e = 127 - 15 + 1 - shift;
            sign | (e << 23) | (m << 13)
        }
        0x1f => sign | 0x7f80_0000 | (man << 13),
        _ => sign | ((exp + 127 - 15) << 23) | (man << 13),
    };
    f32::from_bits(bits)
}

fn tensor_bytes(t: &PlannedTensor, v: &Variable<'_>) -> Result<Vec<u8>, GgmlError> {
    let data = match t.part {
        None => v.data,
        Some((i, parts)) => {
            let n = v.data.len() / parts as usize;
            &v.data[i as usize * n..(i as usize + 1) * n]
        }
    };
    match (v.dtype, t.ttype) {
        (DType::F16, TensorType::F16) | (DType::F32, TensorType::F32) => Ok(data.to_vec()),
        (DType::F16, TensorType::F32) => Ok(data
            .chunks_exact(2)
            .flat_map(|c| f16_to_f32(u16::from_le_bytes([c[0], c[1]])).to_le_bytes())
            .collect()),
        (dtype, _) => Err(GgmlError::UnsupportedDType {
            name: v.name.clone(),
            dtype,
        }),
    }
}

fn put_i32(out: &mut impl Write, v: u32) -> io::Result<()> {
    out.write_all(&v.to_le_bytes())
}

/// Writes the ggml file. `progress(done, total, name)` is called before each tensor and
/// once at the end with `done == total`.
pub fn write_ggml(
    model: &Ct2Model<'_>,
    vocabulary_txt: &str,
    out: &mut impl Write,
    progress: &mut dyn FnMut(usize, usize, &str),
) -> Result<(), GgmlError> {
    let hp = HParams::from_model(model)?;
    let tensors = plan(model, &hp)?;
    let vocab = decode_vocabulary(vocabulary_txt)?;

    put_i32(out, GGML_MAGIC)?;
    for v in hp.to_array() {
        put_i32(out, v)?;
    }
    let n_bins = 1 + N_FFT / 2;
    let filters = mel::mel_filters(SAMPLE_RATE, N_FFT, hp.n_mels as usize);
    put_i32(out, hp.n_mels)?;
    put_i32(out, n_bins as u32)?;
    let mel_bytes: Vec<u8> = filters.iter().flat_map(|x| x.to_le_bytes()).collect();
    out.write_all(&mel_bytes)?;

    put_i32(out, vocab.len() as u32)?;
    for tok in &vocab {
        put_i32(out, tok.len() as u32)?;
        out.write_all(tok)?;
    }

    let total = tensors.len();
    for (i, t) in tensors.iter().enumerate() {
        progress(i, total, &t.name);
        let v = var(model, &t.source)?;
        let data = tensor_bytes(t, v)?;
        put_i32(out, t.shape.len() as u32)?;
        put_i32(out, t.name.len() as u32)?;
        put_i32(out, t.ttype as u32)?;
        for &d in t.shape.iter().rev() {
            put_i32(out, d)?;
        }
        out.write_all(t.name.as_bytes())?;
        out.write_all(&data)?;
    }
    progress(total, total, "");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::ct2::testutil::model_bin;
    use super::*;

    #[test]
    fn byte_alphabet_is_a_bijection_onto_gpt2_chars() {
        let t = byte_to_unicode();
        assert_eq!(t[usize::from(b'A')], 'A');
        assert_eq!(t[usize::from(b' ')], 'Ġ'); // U+0120
        assert_eq!(t[usize::from(b'\n')], 'Ċ'); // U+010A
        assert_eq!(t[0], 'Ā'); // U+0100
        assert_eq!(t[0xAD], 'Ń'); // U+0143: soft hyphen is not "printable" in GPT-2's table
        assert_eq!(t[0x7F], 'ġ');
        let mut chars: Vec<char> = t.to_vec();
        chars.sort_unstable();
        chars.dedup();
        assert_eq!(chars.len(), 256);
        assert!(t.iter().all(|&c| (c as u32) < 324));
    }

    #[test]
    fn vocabulary_decoding() {
        let text = "!\nĠthe\nĊ\nÃ©\nâĢĻ\n<|endoftext|>\n<|startoftranscript|>\n";
        let v = decode_vocabulary(text).unwrap();
        assert_eq!(
            v,
            vec![
                b"!".to_vec(),
                b" the".to_vec(),
                b"\n".to_vec(),
                "é".as_bytes().to_vec(),
                "\u{2019}".as_bytes().to_vec(),
            ]
        );
        assert!(matches!(
            decode_vocabulary("a\nb\n"),
            Err(GgmlError::Vocabulary(_))
        ));
        assert!(matches!(
            decode_vocabulary("a\n€\n<|endoftext|>"),
            Err(GgmlError::Vocabulary(m)) if m.contains("line 2")
        ));
    }

    #[test]
    fn half_to_single_is_exact() {
        assert_eq!(f16_to_f32(0x0000).to_bits(), 0);
        assert_eq!(f16_to_f32(0x8000).to_bits(), 0x8000_0000);
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x0400), 2f32.powi(-14));
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x03ff), 1023.0 * 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x8200), -(2f32.powi(-15)));
        assert!(f16_to_f32(0x7c00).is_infinite());
        assert!(f16_to_f32(0x7e00).is_nan());
        // Every finite half survives the round trip through its decimal value.
        for h in 0..0x7c00u16 {
            let f = f16_to_f32(h);
            let e = i32::from(h >> 10);
            let m = f64::from(h & 0x3ff);
            let want = if e == 0 {
                m * 2f64.powi(-24)
            } else {
                (1.0 + m / 1024.0) * 2f64.powi(e - 15)
            };
            assert_eq!(f64::from(f), want, "{h:#06x}");
        }
    }

    fn f16s(vals: &[u16]) -> Vec<u8> {
        vals.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// A 1-layer whisper with state 2, 2 mels, 3 audio positions, 2 text positions, vocab 3.
    fn tiny_model() -> Vec<u8> {
        let mut vars: Vec<(String, Vec<u32>, u8, Vec<u8>)> = Vec::new();
        let mut counter = 0x3c00u16;
        let mut t = |name: &str, dims: Vec<u32>| {
            let n: u32 = dims.iter().product();
            let vals: Vec<u16> = (0..n)
                .map(|_| {
                    counter += 1;
                    counter
                })
                .collect();
            vars.push((name.to_owned(), dims, 4, f16s(&vals)));
        };
        t("decoder/embeddings/weight", vec![3, 2]);
        for side in ["decoder", "encoder"] {
            let l = format!("{side}/layer_0");
            if side == "decoder" {
                t(&format!("{l}/attention/layer_norm/beta"), vec![2]);
                t(&format!("{l}/attention/layer_norm/gamma"), vec![2]);
                t(&format!("{l}/attention/linear_0/bias"), vec![2]);
                t(&format!("{l}/attention/linear_0/weight"), vec![2, 2]);
                t(&format!("{l}/attention/linear_1/bias"), vec![4]);
                t(&format!("{l}/attention/linear_1/weight"), vec![4, 2]);
                t(&format!("{l}/attention/linear_2/bias"), vec![2]);
                t(&format!("{l}/attention/linear_2/weight"), vec![2, 2]);
            }
            t(&format!("{l}/ffn/layer_norm/beta"), vec![2]);
            t(&format!("{l}/ffn/layer_norm/gamma"), vec![2]);
            t(&format!("{l}/ffn/linear_0/bias"), vec![8]);
            t(&format!("{l}/ffn/linear_0/weight"), vec![8, 2]);
            t(&format!("{l}/ffn/linear_1/bias"), vec![2]);
            t(&format!("{l}/ffn/linear_1/weight"), vec![2, 8]);
            t(&format!("{l}/self_attention/layer_norm/beta"), vec![2]);
            t(&format!("{l}/self_attention/layer_norm/gamma"), vec![2]);
            t(&format!("{l}/self_attention/linear_0/bias"), vec![6]);
            t(&format!("{l}/self_attention/linear_0/weight"), vec![6, 2]);
            t(&format!("{l}/self_attention/linear_1/bias"), vec![2]);
            t(&format!("{l}/self_attention/linear_1/weight"), vec![2, 2]);
            t(&format!("{side}/layer_norm/beta"), vec![2]);
            t(&format!("{side}/layer_norm/gamma"), vec![2]);
            if side == "decoder" {
                t("decoder/position_encodings/encodings", vec![2, 2]);
            } else {
                t("encoder/conv1/bias", vec![2]);
                t("encoder/conv1/weight", vec![2, 2, 3]);
                t("encoder/conv2/bias", vec![2]);
                t("encoder/conv2/weight", vec![2, 2, 3]);
                t("encoder/position_encodings/encodings", vec![3, 2]);
            }
        }
        vars.push((
            "decoder/num_heads".into(),
            vec![],
            2,
            1i16.to_le_bytes().to_vec(),
        ));
        vars.push((
            "encoder/num_heads".into(),
            vec![],
            2,
            1i16.to_le_bytes().to_vec(),
        ));
        vars.sort_by(|a, b| a.0.cmp(&b.0));
        let refs: Vec<(&str, Vec<u32>, u8, Vec<u8>)> = vars
            .iter()
            .map(|(n, d, c, b)| (n.as_str(), d.clone(), *c, b.clone()))
            .collect();
        model_bin(
            &refs,
            &[("decoder/projection/weight", "decoder/embeddings/weight")],
        )
    }

    #[test]
    fn hparams_and_plan_from_tensors() {
        let bytes = tiny_model();
        let m = Ct2Model::parse(&bytes).unwrap();
        let hp = HParams::from_model(&m).unwrap();
        assert_eq!(hp.to_array(), [3, 3, 2, 1, 1, 2, 2, 1, 1, 2, 1], "{hp:?}");
        let p = plan(&m, &hp).unwrap();
        let names: Vec<&str> = p.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names.len(), 5 + 15 + 2 + 2 + 24 + 2);
        assert_eq!(
            &names[..3],
            [
                "encoder.positional_embedding",
                "encoder.conv1.weight",
                "encoder.conv1.bias"
            ]
        );
        assert!(!names.iter().any(|n| n.ends_with("key.bias")));
        let get = |n: &str| p.iter().find(|t| t.name == n).unwrap();
        assert_eq!(get("encoder.conv1.bias").shape, vec![2, 1]);
        assert_eq!(get("encoder.conv1.bias").ttype, TensorType::F32);
        assert_eq!(get("encoder.conv1.weight").ttype, TensorType::F16);
        assert_eq!(get("decoder.positional_embedding").ttype, TensorType::F32);
        assert_eq!(get("decoder.token_embedding.weight").ttype, TensorType::F16);
        assert_eq!(get("decoder.blocks.0.mlp_ln.weight").ttype, TensorType::F32);
        let v = get("encoder.blocks.0.attn.value.weight");
        assert_eq!((v.part, v.shape.clone()), (Some((2, 3)), vec![2, 2]));
        let k = get("decoder.blocks.0.cross_attn.key.weight");
        assert_eq!((k.part, k.shape.clone()), (Some((0, 2)), vec![2, 2]));
        assert_eq!(
            get("decoder.blocks.0.cross_attn.value.bias").part,
            Some((1, 2))
        );
    }

    #[test]
    fn writes_the_expected_layout() {
        let bytes = tiny_model();
        let m = Ct2Model::parse(&bytes).unwrap();
        let mut out = Vec::new();
        let mut calls = 0;
        write_ggml(
            &m,
            "a\nĠb\nc\n<|endoftext|>\n",
            &mut out,
            &mut |_, _, _| calls += 1,
        )
        .unwrap();
        let i32_at = |o: usize| u32::from_le_bytes(out[o..o + 4].try_into().unwrap());
        assert_eq!(i32_at(0), GGML_MAGIC);
        assert_eq!(i32_at(4), 3); // n_vocab
        assert_eq!(i32_at(44), 1); // ftype
        assert_eq!((i32_at(48), i32_at(52)), (2, 201));
        let mut o = 56 + 2 * 201 * 4;
        assert_eq!(i32_at(o), 3);
        o += 4;
        for tok in [&b"a"[..], b" b", b"c"] {
            assert_eq!(i32_at(o) as usize, tok.len());
            assert_eq!(&out[o + 4..o + 4 + tok.len()], tok);
            o += 4 + tok.len();
        }
        // First tensor: encoder.positional_embedding, f32, ne = [2, 3].
        let name = b"encoder.positional_embedding";
        assert_eq!(
            (i32_at(o), i32_at(o + 4) as usize, i32_at(o + 8)),
            (2, name.len(), 0)
        );
        assert_eq!((i32_at(o + 12), i32_at(o + 16)), (2, 3));
        assert_eq!(&out[o + 20..o + 20 + name.len()], name);
        let first = f32::from_le_bytes(out[o + 20 + name.len()..][..4].try_into().unwrap());
        let src = m.get("encoder/position_encodings/encodings").unwrap();
        assert_eq!(
            first,
            f16_to_f32(u16::from_le_bytes([src.data[0], src.data[1]]))
        );
        assert_eq!(calls, 50 + 1);
    }

    #[test]
    fn missing_tensors_and_bad_dtypes_are_errors() {
        let bytes = model_bin(
            &[("decoder/embeddings/weight", vec![3, 2], 4, vec![0; 12])],
            &[],
        );
        let m = Ct2Model::parse(&bytes).unwrap();
        assert!(
            matches!(HParams::from_model(&m), Err(GgmlError::Missing(n)) if n.contains("position"))
        );
        let v = Variable {
            name: "x".into(),
            dims: vec![2],
            dtype: DType::I8,
            data: &[0, 0],
        };
        let t = PlannedTensor {
            name: "x".into(),
            source: "x".into(),
            part: None,
            shape: vec![2],
            ttype: TensorType::F32,
        };
        assert!(matches!(
            tensor_bytes(&t, &v),
            Err(GgmlError::UnsupportedDType { .. })
        ));
    }
}
