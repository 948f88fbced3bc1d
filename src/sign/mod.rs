//! Request signing: OSS V1 and V4.
