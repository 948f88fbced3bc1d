//! One client connection on its own thread: TLS detection, then requests one after another
//! (HTTP/1.1 keep-alive) until the client closes, asks to close, times out, sends something
//! unparseable, or a fault cuts the connection.

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use crate::handler::{self, After};

/// How long a client that stopped sending an unread body gets before we close anyway.
const DRAIN_IDLE: Duration = Duration::from_secs(2);
/// The most time spent draining an unread body after an early answer.
const DRAIN_TOTAL: Duration = Duration::from_secs(30);
use crate::http::conn::{HeadError, HttpConn};
use crate::state::ServerState;
use crate::stream::Stream;
use crate::tls;

pub fn serve(state: &ServerState, tcp: TcpStream, peer: SocketAddr, id: u64) {
    let timeout = Some(state.config.idle_timeout);
    if tcp.set_read_timeout(timeout).is_err() || tcp.set_write_timeout(timeout).is_err() {
        state.connections.unregister(id);
        return;
    }
    let _ = tcp.set_nodelay(true);
    let stream = match tls::accept(tcp, state.tls.as_ref()) {
        Ok(stream) => stream,
        Err(_) => {
            state.connections.unregister(id);
            return;
        }
    };
    let mut conn = HttpConn::new(stream);
    let mut ending = After::Close;
    while !state.stopping() {
        let head = match conn.read_head() {
            Ok(Some(head)) => head,
            Ok(None) | Err(HeadError::Closed) => break,
            Err(HeadError::TooLarge) => {
                handler::reject_head(
                    &mut conn,
                    431,
                    "RequestHeaderFieldsTooLarge",
                    "The request head is larger than 64 KiB or has too many header lines.",
                );
                break;
            }
            Err(HeadError::Malformed(why)) => {
                handler::reject_head(
                    &mut conn,
                    400,
                    "InvalidRequest",
                    &format!("The request is not valid HTTP/1.1: {why}."),
                );
                break;
            }
        };
        ending = handler::handle(state, &mut conn, &head, peer);
        if ending != After::KeepAlive {
            break;
        }
    }
    close(state, conn.stream, ending, id);
}

fn close(state: &ServerState, mut stream: Stream, ending: After, id: u64) {
    match ending {
        After::Cut { reset: true } => {
            // SO_LINGER with a zero timeout makes close() send an RST.
            let linger = libc::linger { l_onoff: 1, l_linger: 0 };
            // SAFETY: a valid socket descriptor and a correctly sized linger struct.
            unsafe {
                libc::setsockopt(
                    stream.tcp().as_raw_fd(),
                    libc::SOL_SOCKET,
                    libc::SO_LINGER,
                    &linger as *const libc::linger as *const libc::c_void,
                    std::mem::size_of::<libc::linger>() as libc::socklen_t,
                );
            }
        }
        After::Cut { reset: false } => {
            // A cut connection ends without TLS close_notify, like a network failure would.
            let _ = stream.tcp().shutdown(Shutdown::Write);
            discard_input(&stream);
        }
        After::Close | After::KeepAlive | After::CloseUnread => {
            if let Stream::Tls(tls) = &mut stream {
                tls.conn.send_close_notify();
                let _ = tls.flush();
            }
            let _ = stream.tcp().shutdown(Shutdown::Write);
            if ending == After::CloseUnread {
                drain_until_client_closes(state, &stream);
            }
            discard_input(&stream);
        }
    }
    state.connections.unregister(id);
    drop(stream);
}

/// After an early answer to a request whose body we did not read: the client may still be
/// sending it, and closing with unread input would reset the connection, which can destroy
/// the answer before the client reads it (curl then reports "Failed sending data to the
/// peer" instead of the error). Our side is already shut for writing, so the client sees the
/// answer and the end of the stream; read and drop until it closes, stalls, or time is up.
fn drain_until_client_closes(state: &ServerState, stream: &Stream) {
    let mut tcp = stream.tcp();
    if tcp.set_read_timeout(Some(DRAIN_IDLE)).is_err() {
        return;
    }
    let deadline = Instant::now() + DRAIN_TOTAL;
    let mut scratch = vec![0u8; 256 * 1024];
    while Instant::now() < deadline && !state.stopping() {
        match tcp.read(&mut scratch) {
            Ok(n) if n > 0 => continue,
            _ => break,
        }
    }
}

/// Reads and drops what the client already sent, without waiting: closing a socket with
/// unread input sends an RST, which can destroy data the client has not read yet.
fn discard_input(stream: &Stream) {
    let mut tcp = stream.tcp();
    if tcp.set_nonblocking(true).is_err() {
        return;
    }
    let mut scratch = [0u8; 16 * 1024];
    for _ in 0..64 {
        match tcp.read(&mut scratch) {
            Ok(n) if n > 0 => continue,
            _ => break,
        }
    }
}
