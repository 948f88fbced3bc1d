//! A `Session` holds one libcurl easy handle, so every request it performs
//! reuses the same keep-alive connection when the server allows. It is `Send`
//! but not shared: one per worker thread. A session takes an idle handle with
//! its settings from the process-wide pool when there is one, and gives its
//! handle back when dropped, so consecutive calls share connections too.

use super::body::Body;
use super::curl_error;
use super::exchange_log;
use super::pool;
use super::request::{Method, Request};
use super::response::{Response, Timings};
use super::sink::BodySink;
use crate::call_log::{self, CallLog};
use crate::config::Config;
use crate::error::{codes, ClientCode, Error, Result};
use curl::easy::{Easy, List, ReadError, SeekResult};
use std::cell::RefCell;
use std::io::SeekFrom;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Error bodies are small XML documents; anything longer is cut here.
const MAX_ERROR_BODY: usize = 64 * 1024;
/// Bodies up to this size go without `Expect: 100-continue`: waiting for the server's go-ahead
/// costs a round trip per request (for 100 KiB parts, a third of their system calls and context
/// switches), while a refused body this small costs little to send anyway. libcurl 8 uses the
/// same threshold; the 7.x the system may link asks for every PUT.
const EXPECT_THRESHOLD: u64 = 1024 * 1024;

pub struct Session {
    /// Always `Some` until `drop` hands the handle back to the pool.
    easy: Option<Easy>,
    key: pool::Key,
    /// Stops every transfer of this session once set (see [`Session::stop_on`]).
    stop: Option<Arc<AtomicBool>>,
    /// The call this session works for: each exchange is counted into it (see `call_log`).
    call: Option<Arc<CallLog>>,
}

fn now_us() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_micros() as i64).unwrap_or(0)
}

fn setup_error(e: curl::Error) -> Error {
    curl_error::to_error(&e, None)
}

impl Session {
    pub fn new(config: &Config) -> Result<Self> {
        let key = pool::Key::of(config);
        let mut easy = match pool::take(&key) {
            Some(easy) => easy,
            None => {
                let mut easy = Easy::new();
                Self::configure(&mut easy, config).map_err(setup_error)?;
                easy
            }
        };
        Self::size_buffers(&mut easy, config).map_err(setup_error)?;
        Ok(Self { easy: Some(easy), key, stop: None, call: None })
    }

    /// The buffer sizes are set each time a handle is taken, not part of what a pooled handle is
    /// kept for: libcurl allocates its buffers per transfer, so an upload's handle (small receive
    /// buffer, larger send buffer) serves the next call's request on the same connection.
    fn size_buffers(easy: &mut Easy, config: &Config) -> std::result::Result<(), curl::Error> {
        easy.buffer_size(config.transfer.receive_buffer)?;
        easy.upload_buffer_size(config.transfer.send_buffer)
    }

    /// This session, working for `call` (its exchanges are counted there, and a thread that
    /// sends on it works for that call).
    pub fn in_call(mut self, call: Option<Arc<CallLog>>) -> Self {
        self.call = call;
        self
    }

    fn easy(&mut self) -> &mut Easy {
        self.easy.get_or_insert_with(Easy::new)
    }

    fn configure(easy: &mut Easy, config: &Config) -> std::result::Result<(), curl::Error> {
        let o = &config.transfer;
        // Worker threads: libcurl must not use signals for timeouts.
        easy.signal(false)?;
        easy.connect_timeout(o.connect_timeout)?;
        easy.low_speed_limit(o.speed_limit)?;
        easy.low_speed_time(o.speed_time)?;
        easy.dns_cache_timeout(o.dns_cache_timeout)?;
        easy.useragent(&config.user_agent)?;
        easy.tcp_nodelay(true)?;
        easy.follow_location(false)?;
        if let Some(proxy) = &config.proxy {
            easy.proxy(&proxy.address)?;
            if let Some(auth) = &proxy.auth {
                let (user, password) = auth.split_once(':').unwrap_or((auth.as_str(), ""));
                easy.proxy_username(user)?;
                easy.proxy_password(password)?;
            }
        }
        easy.ssl_verify_peer(o.verify_ssl)?;
        easy.ssl_verify_host(o.verify_ssl)?;
        if let Some(file) = &o.ca_file {
            easy.cainfo(file)?;
        }
        if let Some(path) = &o.ca_path {
            easy.capath(path)?;
        }
        Ok(())
    }

    /// Performs one request. A 2xx body streams into `sink`; any other
    /// status is returned as a `Response` whose `service_error()` explains
    /// it. `Err` means the exchange itself failed (connection, timeout, short
    /// body, TLS) or the sink refused the data.
    pub fn execute(&mut self, request: &Request, sink: &mut dyn BodySink) -> Result<Response> {
        self.send(request, None, sink, None)
    }

    /// `execute`, stopping the transfer (even a stalled one, within about a
    /// second) once `abort` becomes true.
    pub fn execute_abortable(
        &mut self,
        request: &Request,
        sink: &mut dyn BodySink,
        abort: Option<&AtomicBool>,
    ) -> Result<Response> {
        self.send(request, None, sink, abort)
    }

    /// Makes every later transfer of this session stop (even a stalled one, within about a
    /// second) once `flag` is set: a worker of an engine hands its session the engine's stop flag,
    /// so requests made deep inside an operation can be stopped without passing it down.
    pub fn stop_on(&mut self, flag: Arc<AtomicBool>) {
        self.stop = Some(flag);
    }

    /// The flag given to [`Session::stop_on`], if any: retry loops cut their waits short on it.
    pub fn stop_flag(&self) -> Option<Arc<AtomicBool>> {
        self.stop.clone()
    }

    /// `execute` for a request that sends `body` (PUT, POST): libcurl pulls
    /// its bytes as it sends them, and `body` keeps the CRC-64 of what went
    /// out. A body that cannot be read fails the request with the read error.
    pub fn execute_with_body(
        &mut self,
        request: &Request,
        body: &mut Body,
        sink: &mut dyn BodySink,
    ) -> Result<Response> {
        self.send(request, Some(body), sink, None)
    }

    /// One exchange, and what the log and the call learn of it (the one place they do).
    fn send(
        &mut self,
        request: &Request,
        mut body: Option<&mut Body>,
        sink: &mut dyn BodySink,
        abort: Option<&AtomicBool>,
    ) -> Result<Response> {
        let began = Instant::now();
        let result = self.exchange(request, body.as_deref_mut(), sink, abort);
        let sent = body.map_or(0, |b| b.position());
        if let Some(call) = &self.call {
            call_log::adopt(call);
            // Error documents are not what the call moved: only 2xx bodies count as received.
            let received = result.as_ref().ok().filter(|r| r.is_success()).map_or(0, |r| r.body_bytes);
            call.note_exchange(sent, received);
        }
        exchange_log::exchange_done(request, sent, began.elapsed(), &result, self.call.as_deref());
        result
    }

    fn exchange(
        &mut self,
        request: &Request,
        body: Option<&mut Body>,
        sink: &mut dyn BodySink,
        abort: Option<&AtomicBool>,
    ) -> Result<Response> {
        let stop = self.stop.clone();
        let abort = abort.or(stop.as_deref());
        if abort.is_some_and(|flag| flag.load(Ordering::Relaxed)) {
            // Stopped already (a cancel during a retry's wait): no new request goes out.
            return Err(Error::Aborted { message: "transfer stopped".into() });
        }
        self.prepare(request, body.as_ref().map_or(0, |b| b.len()), abort.is_some()).map_err(setup_error)?;
        if let Some(body) = &body {
            // A retried request sends its body again from the first byte.
            debug_assert_eq!(body.position(), 0, "a body is sent from its start");
        }
        let state = RefCell::new(Exchange { response: Response::default(), sink, body, began: false, failure: None });
        let start_us = now_us();
        let performed = self.perform(&state, abort);
        let finish_us = now_us();
        let mut exchange = state.into_inner();
        if let Some(failure) = exchange.failure.take() {
            return Err(failure);
        }
        if let Err(e) = performed {
            if e.is_aborted_by_callback() {
                return Err(Error::Aborted { message: "transfer stopped".into() });
            }
            return Err(curl_error::to_error(&e, exchange.response.request_id()));
        }
        let first_byte = self.easy().starttransfer_time().map(|d| d.as_micros() as i64).unwrap_or(0);
        let mut response = exchange.response;
        response.status = self.easy().response_code().map(|c| c as u16).unwrap_or(response.status);
        response.timings = Timings { start_us, first_byte_us: start_us + first_byte, finish_us };
        if response.is_success() {
            if !exchange.began {
                // An empty 2xx body: the sink still gets to check the head.
                exchange.sink.begin(&response)?;
            }
            if request.method == Method::Get {
                check_body_length(&response)?;
            }
        }
        Ok(response)
    }

    /// Sets the URL, headers and method of the next transfer. Every method
    /// starts from a plain GET (which clears libcurl's upload and no-body
    /// modes) and names itself, so nothing of the previous request's method
    /// carries over on the reused handle.
    fn prepare(&mut self, request: &Request, body_len: u64, abortable: bool) -> std::result::Result<(), curl::Error> {
        let mut list = List::new();
        for (name, value) in &request.headers {
            // libcurl drops `Name:` with an empty value; `Name;` sends it empty.
            let line = if value.is_empty() { format!("{name};") } else { format!("{name}: {value}") };
            list.append(&line)?;
        }
        if request.method == Method::Post
            && !request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type"))
        {
            // libcurl would add a form Content-Type the signature does not cover.
            list.append("Content-Type:")?;
        }
        let caller_expects = request.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("expect"));
        if matches!(request.method, Method::Put | Method::Post) && body_len <= EXPECT_THRESHOLD && !caller_expects {
            list.append("Expect:")?;
        }
        self.easy().url(&request.url)?;
        self.easy().get(true)?;
        self.easy().custom_request(request.method.as_str())?;
        match request.method {
            Method::Get | Method::Delete => {}
            Method::Head => self.easy().nobody(true)?,
            Method::Put => {
                self.easy().upload(true)?;
                self.easy().in_filesize(body_len)?;
            }
            Method::Post => {
                self.easy().post(true)?;
                self.easy().post_field_size(body_len)?;
            }
        }
        self.easy().http_headers(list)?;
        // libcurl calls the progress function at least once a second, even
        // when no byte moves: that is what makes an abort prompt.
        self.easy().progress(abortable)
    }

    /// Runs the transfer with the callbacks wired to `state`.
    fn perform(
        &mut self,
        state: &RefCell<Exchange<'_, '_>>,
        abort: Option<&AtomicBool>,
    ) -> std::result::Result<(), curl::Error> {
        let mut transfer = self.easy().transfer();
        transfer.header_function(|line| {
            state.borrow_mut().response.absorb_header_line(line);
            true
        })?;
        transfer.write_function(|data| Ok(state.borrow_mut().receive(data)))?;
        transfer.read_function(|into| state.borrow_mut().send(into))?;
        transfer.seek_function(|whence| state.borrow_mut().rewind(whence))?;
        if let Some(flag) = abort {
            transfer.progress_function(|_, _, _, _| !flag.load(Ordering::Relaxed))?;
        }
        transfer.perform()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Some(easy) = self.easy.take() {
            pool::give_back(self.key.clone(), easy);
        }
    }
}

/// A 2xx GET body shorter (or longer) than its Content-Length is an error,
/// never a success: the caller would get a truncated object.
fn check_body_length(response: &Response) -> Result<()> {
    match response.content_length() {
        Some(expected) if expected != response.body_bytes => Err(Error::Transport {
            code: ClientCode::ReadBodyError,
            message: format!("body has {} bytes, Content-Length promised {expected}", response.body_bytes),
            request_id: response.request_id().map(str::to_string),
        }),
        _ => Ok(()),
    }
}

/// The state the libcurl callbacks share during one transfer.
struct Exchange<'s, 'b> {
    response: Response,
    sink: &'s mut dyn BodySink,
    body: Option<&'s mut Body<'b>>,
    began: bool,
    failure: Option<Error>,
}

impl Exchange<'_, '_> {
    /// Hands libcurl the next bytes of the request body; a read error stops
    /// the transfer (our `failure` says why).
    fn send(&mut self, into: &mut [u8]) -> std::result::Result<usize, ReadError> {
        let Some(body) = self.body.as_mut() else {
            return Ok(0);
        };
        body.read(into).map_err(|e| {
            // The official SDK reports a body it could not read as a failed
            // transfer (HttpIoError) with the file-read code.
            self.failure = Some(Error::File {
                code: ClientCode::FileReadError,
                error_code: codes::HTTP_IO,
                message: format!("cannot read the request body: {e}"),
            });
            ReadError::Abort
        })
    }

    /// libcurl wants to send the body again from the start.
    fn rewind(&mut self, whence: SeekFrom) -> SeekResult {
        match (whence, self.body.as_mut()) {
            (SeekFrom::Start(0), Some(body)) => {
                body.rewind();
                SeekResult::Ok
            }
            (SeekFrom::Start(0), None) => SeekResult::Ok,
            _ => SeekResult::CantSeek,
        }
    }

    /// Returns how many bytes were taken; anything short of `data.len()`
    /// makes libcurl stop the transfer (our `failure` says why).
    fn receive(&mut self, data: &[u8]) -> usize {
        self.response.body_bytes += data.len() as u64;
        if !self.response.is_success() {
            let room = MAX_ERROR_BODY.saturating_sub(self.response.error_body.len());
            self.response.error_body.extend_from_slice(&data[..data.len().min(room)]);
            return data.len();
        }
        let result = if self.began {
            self.sink.write(data)
        } else {
            self.began = true;
            self.sink.begin(&self.response).and_then(|()| self.sink.write(data))
        };
        match result {
            Ok(()) => data.len(),
            Err(e) => {
                self.failure = Some(e);
                0
            }
        }
    }
}
