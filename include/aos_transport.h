/*
 * aos_transport.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   the HTTP request, response, controller and transport structs.
 * liboss_c_sdk declares its whole C API in oss_api.h (generated from the Rust sources), so
 * this header includes it: programs that include aos_transport.h keep compiling unchanged.
 *
 * aos_http_request_t, aos_http_response_t, the controller and the request options are declared
 * in oss_api.h. The transport itself (libcurl handles, callbacks) is internal to this library
 * and not rebuilt: its structs are declared opaque or, for the options, with their fields, so
 * programs that name them compile.
 */
#ifndef LIBAOS_TRANSPORT_H
#define LIBAOS_TRANSPORT_H

#include "oss_api.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The official transport (opaque here). */
typedef struct aos_http_transport_s aos_http_transport_t;
/** The official libcurl transport (opaque here). */
typedef struct aos_curl_http_transport_s aos_curl_http_transport_t;

/** Transport-wide options of the official SDK: user agent, CA path, certificate checks. */
typedef struct aos_http_transport_options_s {
    char *user_agent;
    char *cacerts_path;
    unsigned int ssl_verification_disabled : 1;
} aos_http_transport_options_t;

/** The official transport's states. */
typedef enum {
    TRANS_STATE_INIT,
    TRANS_STATE_HEADER,
    TRANS_STATE_BODY_IN,
    TRANS_STATE_BODY_OUT,
    TRANS_STATE_ABORT,
    TRANS_STATE_DONE
} aos_transport_state_e;

#ifdef __cplusplus
}
#endif

#endif /* LIBAOS_TRANSPORT_H */
