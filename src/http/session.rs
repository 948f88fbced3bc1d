//! A `Session` owns one libcurl easy handle for its whole life, so every
//! request it performs reuses the same keep-alive connection when the server
//! allows. It is `Send` but not shared: one per worker thread.

use super::curl_error;
use super::request::{Method, Request};
use super::response::{Response, Timings};
use super::sink::BodySink;
use crate::config::Config;
use crate::error::{ClientCode, Error, Result};
use curl::easy::{Easy, List};
use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Error bodies are small XML documents; anything longer is cut here.
const MAX_ERROR_BODY: usize = 64 * 1024;
/// libcurl's receive buffer: larger buffers mean fewer callbacks and writes.
const RECEIVE_BUFFER: usize = 512 * 1024;

pub struct Session {
    easy: Easy,
}

fn now_us() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_micros() as i64).unwrap_or(0)
}

fn setup_error(e: curl::Error) -> Error {
    curl_error::to_error(&e, None)
}

impl Session {
    pub fn new(config: &Config) -> Result<Self> {
        let mut easy = Easy::new();
        Self::configure(&mut easy, config).map_err(setup_error)?;
        Ok(Self { easy })
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
        easy.buffer_size(RECEIVE_BUFFER)?;
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
        self.execute_abortable(request, sink, None)
    }

    /// `execute`, stopping the transfer (even a stalled one, within about a
    /// second) once `abort` becomes true.
    pub fn execute_abortable(
        &mut self,
        request: &Request,
        sink: &mut dyn BodySink,
        abort: Option<&AtomicBool>,
    ) -> Result<Response> {
        let mut list = List::new();
        for (name, value) in &request.headers {
            // libcurl drops `Name:` with an empty value; `Name;` sends it empty.
            let line = if value.is_empty() { format!("{name};") } else { format!("{name}: {value}") };
            list.append(&line).map_err(setup_error)?;
        }
        self.easy.url(&request.url).map_err(setup_error)?;
        match request.method {
            Method::Get => self.easy.get(true),
            Method::Head => self.easy.nobody(true),
        }
        .map_err(setup_error)?;
        self.easy.http_headers(list).map_err(setup_error)?;
        // libcurl calls the progress function at least once a second, even
        // when no byte moves: that is what makes an abort prompt.
        self.easy.progress(abort.is_some()).map_err(setup_error)?;

        let state = RefCell::new(Exchange { response: Response::default(), sink, began: false, failure: None });
        let start_us = now_us();
        let performed = {
            let mut transfer = self.easy.transfer();
            transfer
                .header_function(|line| {
                    state.borrow_mut().response.absorb_header_line(line);
                    true
                })
                .map_err(setup_error)?;
            transfer.write_function(|data| Ok(state.borrow_mut().receive(data))).map_err(setup_error)?;
            if let Some(flag) = abort {
                transfer.progress_function(|_, _, _, _| !flag.load(Ordering::Relaxed)).map_err(setup_error)?;
            }
            transfer.perform()
        };
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
        let first_byte = self.easy.starttransfer_time().map(|d| d.as_micros() as i64).unwrap_or(0);
        let mut response = exchange.response;
        response.status = self.easy.response_code().map(|c| c as u16).unwrap_or(response.status);
        response.timings = Timings { start_us, first_byte_us: start_us + first_byte, finish_us };
        if response.is_success() {
            if !exchange.began {
                // An empty 2xx body: the sink still gets to check the head.
                exchange.sink.begin(&response)?;
            }
            if request.method == Method::Get {
                if let Some(expected) = response.content_length() {
                    if expected != response.body_bytes {
                        return Err(Error::Transport {
                            code: ClientCode::ReadBodyError,
                            message: format!(
                                "body has {} bytes, Content-Length promised {expected}",
                                response.body_bytes
                            ),
                            request_id: response.request_id().map(str::to_string),
                        });
                    }
                }
            }
        }
        Ok(response)
    }
}

/// The state both libcurl callbacks share during one transfer.
struct Exchange<'s> {
    response: Response,
    sink: &'s mut dyn BodySink,
    began: bool,
    failure: Option<Error>,
}

impl Exchange<'_> {
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
