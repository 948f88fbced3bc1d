//! The C layer: the only module with extern "C", #[repr(C)] types and raw pointers.
