//! The select frame decoder on arbitrary bytes: never a panic, and the outcome does not depend on
//! how the stream is cut into buffers (the first byte says where: every cut, or one).
#![no_main]

use libfuzzer_sys::fuzz_target;
use oss_c_sdk::ops::select_frame::{Decoder, FrameError};

/// Data bytes and the outcome, feeding `stream` in pieces of `step` bytes.
fn decode(stream: &[u8], step: usize) -> (Vec<u8>, Result<(u32, String), FrameError>) {
    let mut decoder = Decoder::new();
    let mut data = Vec::new();
    for piece in stream.chunks(step.max(1)) {
        let fed = decoder.feed(piece, &mut |b: &[u8]| -> Result<(), FrameError> {
            data.extend_from_slice(b);
            Ok(())
        });
        if let Err(e) = fed {
            return (data, Err(e));
        }
    }
    let outcome = decoder.finish().map(|end| {
        let _ = end.meta_counts();
        (end.status(), end.message())
    });
    (data, outcome)
}

fuzz_target!(|input: &[u8]| {
    let Some((&step, stream)) = input.split_first() else { return };
    let whole = decode(stream, stream.len());
    let cut = decode(stream, usize::from(step));
    assert_eq!(whole, cut, "the outcome depends on the buffer boundaries");
    assert!(whole.0.len() <= stream.len());
});
