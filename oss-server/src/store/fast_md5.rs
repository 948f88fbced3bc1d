//! MD5 of received bytes through OpenSSL's libcrypto, which the workspace links already (curl
//! uses it). MD5 bounds how fast one upload can be received: on this machine OpenSSL's assembly
//! hashes about 825 MB per CPU-second, the md-5 crate about 640 (its `asm` feature about 650),
//! so the upload path uses OpenSSL. Should libcrypto refuse MD5 (a FIPS-only configuration),
//! the md-5 crate takes over: the digest is the same either way.

use std::ptr;

use md5::{Digest, Md5};
use openssl_sys as ffi;

pub struct FastMd5 {
    inner: Inner,
}

enum Inner {
    /// An initialised context this value owns alone (freed on drop).
    Evp(*mut ffi::EVP_MD_CTX),
    Portable(Md5),
}

// SAFETY: the EVP context is owned by this value alone and libcrypto contexts may move between
// threads; nothing else holds the pointer.
unsafe impl Send for FastMd5 {}

impl FastMd5 {
    pub fn new() -> FastMd5 {
        ffi::init();
        // SAFETY: EVP_MD_CTX_new returns an owned context or null; EVP_md5 returns a static
        // algorithm; a context that fails to initialise is freed here and never used.
        let inner = unsafe {
            let ctx = ffi::EVP_MD_CTX_new();
            if ctx.is_null() {
                Inner::Portable(Md5::new())
            } else if ffi::EVP_DigestInit_ex(ctx, ffi::EVP_md5(), ptr::null_mut()) != 1 {
                ffi::EVP_MD_CTX_free(ctx);
                Inner::Portable(Md5::new())
            } else {
                Inner::Evp(ctx)
            }
        };
        FastMd5 { inner }
    }

    pub fn update(&mut self, data: &[u8]) {
        match &mut self.inner {
            // SAFETY: `ctx` is a live, initialised MD5 context; `data` is valid for its length.
            Inner::Evp(ctx) => {
                let ok = unsafe { ffi::EVP_DigestUpdate(*ctx, data.as_ptr().cast(), data.len()) };
                assert_eq!(ok, 1, "EVP_DigestUpdate cannot fail for MD5 on an initialised context");
            }
            Inner::Portable(md5) => md5.update(data),
        }
    }

    pub fn finalize(mut self) -> [u8; 16] {
        match &mut self.inner {
            Inner::Evp(ctx) => {
                let mut out = [0u8; ffi::EVP_MAX_MD_SIZE as usize];
                let mut len = 0u32;
                // SAFETY: a live context; `out` holds EVP_MAX_MD_SIZE bytes as the call requires.
                let ok = unsafe { ffi::EVP_DigestFinal_ex(*ctx, out.as_mut_ptr(), &mut len) };
                assert!(ok == 1 && len == 16, "MD5 gives 16 bytes");
                let mut digest = [0u8; 16];
                digest.copy_from_slice(&out[..16]);
                digest
            }
            Inner::Portable(md5) => std::mem::take(md5).finalize().into(),
        }
    }
}

impl Default for FastMd5 {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for FastMd5 {
    fn drop(&mut self) {
        if let Inner::Evp(ctx) = self.inner {
            // SAFETY: the context was created by EVP_MD_CTX_new and is freed once, here.
            unsafe { ffi::EVP_MD_CTX_free(ctx) };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_digest_as_the_md5_crate_across_updates() {
        let data: Vec<u8> = (0..100_003u32).map(|i| (i * 31 % 251) as u8).collect();
        for split in [0, 1, 63, 64, 65, 4096, data.len()] {
            let mut fast = FastMd5::new();
            fast.update(&data[..split]);
            fast.update(&data[split..]);
            assert_eq!(fast.finalize(), <[u8; 16]>::from(Md5::digest(&data)), "split at {split}");
        }
        assert_eq!(hex(FastMd5::new().finalize()), "d41d8cd98f00b204e9800998ecf8427e");
    }

    fn hex(bytes: [u8; 16]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }
}
