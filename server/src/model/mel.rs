//! Whisper's mel filterbank, computed the way `librosa.filters.mel(sr=16000, n_fft=400,
//! n_mels=80, htk=False, norm="slaney")` computes it (and whisper's `mel_filters.npz`
//! stores it), bit for bit.
//!
//! librosa's dtype behaviour matters for the exact bits: every frequency and slope is a
//! float64, the triangles are stored into a float32 array, and the slaney normalisation is
//! then applied in place to that float32 array (float32 * float64 computed in float64,
//! rounded back to float32). `np.maximum(0, x)` keeps a negative zero, which occurs once:
//! at `[0][0]`.

const F_SP: f64 = 200.0 / 3.0;
const MIN_LOG_HZ: f64 = 1000.0;
const MIN_LOG_MEL: f64 = MIN_LOG_HZ / F_SP;

fn logstep() -> f64 {
    6.4f64.ln() / 27.0
}

/// Slaney mel scale (librosa `hz_to_mel`, htk=False).
pub fn hz_to_mel(hz: f64) -> f64 {
    if hz >= MIN_LOG_HZ {
        MIN_LOG_MEL + (hz / MIN_LOG_HZ).ln() / logstep()
    } else {
        hz / F_SP
    }
}

/// Inverse of [`hz_to_mel`] (librosa `mel_to_hz`, htk=False).
pub fn mel_to_hz(mel: f64) -> f64 {
    if mel >= MIN_LOG_MEL {
        MIN_LOG_HZ * (logstep() * (mel - MIN_LOG_MEL)).exp()
    } else {
        F_SP * mel
    }
}

/// `np.linspace(start, stop, num)` with numpy's arithmetic: `i * step + start`, last = stop.
fn linspace(start: f64, stop: f64, num: usize) -> Vec<f64> {
    let step = (stop - start) / (num - 1) as f64;
    let mut v: Vec<f64> = (0..num).map(|i| i as f64 * step + start).collect();
    if let Some(last) = v.last_mut() {
        *last = stop;
    }
    v
}

/// Mel filterbank, row-major `[n_mels][1 + n_fft / 2]`, for `fmin = 0`, `fmax = sr / 2`.
pub fn mel_filters(sr: u32, n_fft: usize, n_mels: usize) -> Vec<f32> {
    let sr = f64::from(sr);
    let n_bins = 1 + n_fft / 2;
    // np.fft.rfftfreq(n_fft, d=1/sr): val = 1 / (n * d); i * val.
    let val = 1.0 / (n_fft as f64 * (1.0 / sr));
    let fftfreqs: Vec<f64> = (0..n_bins).map(|i| i as f64 * val).collect();
    let mels = linspace(hz_to_mel(0.0), hz_to_mel(sr / 2.0), n_mels + 2);
    let mel_f: Vec<f64> = mels.iter().map(|&m| mel_to_hz(m)).collect();
    let fdiff: Vec<f64> = mel_f.windows(2).map(|w| w[1] - w[0]).collect();

    let mut weights = vec![0f32; n_mels * n_bins];
    for i in 0..n_mels {
        let enorm = 2.0 / (mel_f[i + 2] - mel_f[i]);
        for (j, &f) in fftfreqs.iter().enumerate() {
            let lower = -(mel_f[i] - f) / fdiff[i];
            let upper = (mel_f[i + 2] - f) / fdiff[i + 1];
            let m = if lower < upper { lower } else { upper };
            // np.maximum(0, m): a negative zero survives.
            let tri = if m < 0.0 { 0.0 } else { m };
            let stored = tri as f32;
            weights[i * n_bins + j] = (f64::from(stored) * enorm) as f32;
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};

    fn whisper() -> Vec<f32> {
        mel_filters(16000, 400, 80)
    }

    #[test]
    fn shape_and_layout() {
        let w = whisper();
        assert_eq!(w.len(), 80 * 201);
        // 391 non-zero weights; each row is a triangle of 1 or 2+ adjacent bins.
        assert_eq!(w.iter().filter(|&&x| x != 0.0).count(), 391);
        assert!(w.iter().all(|&x| x >= 0.0 && x.is_finite()));
        // The last filter covers bins 186..=199 (7440 Hz .. 7960 Hz).
        let last = &w[79 * 201..];
        let nz: Vec<usize> = (0..201).filter(|&j| last[j] != 0.0).collect();
        assert_eq!(nz, (186..=199).collect::<Vec<_>>());
        // The Nyquist bin is in no filter.
        assert!((0..80).all(|i| w[i * 201 + 200] == 0.0));
    }

    #[test]
    fn known_values() {
        let w = whisper();
        // librosa keeps a negative zero at [0][0] (np.maximum(0, -0.0) is -0.0).
        assert_eq!(w[0].to_bits(), 0x8000_0000);
        assert_eq!(w[201 + 1].to_bits(), 0.001_990_822_f32.to_bits());
        let (argmax, max) = w
            .iter()
            .enumerate()
            .fold((0, 0f32), |a, (i, &x)| if x > a.1 { (i, x) } else { a });
        assert_eq!((argmax / 201, argmax % 201), (13, 13));
        assert_eq!(max.to_bits(), 0.025_880_683_f32.to_bits());
    }

    #[test]
    fn mel_scale_round_trips() {
        assert_eq!(hz_to_mel(0.0), 0.0);
        assert_eq!(hz_to_mel(1000.0), MIN_LOG_MEL); // 14.999999999999998, as in librosa
        assert_eq!(hz_to_mel(8000.0), 45.245_640_471_924_965);
        for hz in [0.0, 37.5, 999.0, 1000.0, 1656.787, 8000.0] {
            assert!((mel_to_hz(hz_to_mel(hz)) - hz).abs() < 1e-9);
        }
    }

    #[test]
    fn bit_exact_with_librosa() {
        // sha256 of librosa 0.11 / numpy 2.4 output (= whisper's mel_filters.npz "mel_80"),
        // little-endian float32.
        let bytes: Vec<u8> = whisper().iter().flat_map(|x| x.to_le_bytes()).collect();
        let hex: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            hex,
            "4f2701b1d287d74a0dc9871026e9519d98cb76426615f2539b0d151a0ae4ec2e"
        );
    }
}
