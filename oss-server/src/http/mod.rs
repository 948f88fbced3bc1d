//! HTTP/1.1 on one connection: reading request heads and bodies, writing answers.

pub mod body;
pub mod conn;
pub mod response;
