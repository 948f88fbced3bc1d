/*
 * oss_xml.h -- compatibility header of liboss_c_sdk (hand-written).
 *
 * The official OSS C SDK declares here
 *   the XML builders and parsers of every request body.
 * liboss_c_sdk declares its whole C API in oss_api.h (generated from the Rust sources), so
 * this header includes it: programs that include oss_xml.h keep compiling unchanged.
 *
 * Those take and return mxml nodes, an internal of the official SDK that this library does not
 * use (it has its own XML code), so there is nothing more to declare.
 */
#ifndef LIBOSS_XML_H
#define LIBOSS_XML_H

#include "oss_api.h"

#endif /* LIBOSS_XML_H */
