//! Logging core (levels, sink, formatting); knows nothing of C.
