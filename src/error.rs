//! The one error type of the safe core.
