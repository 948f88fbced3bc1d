/*
 * alibabacloud/oss/Const.h -- liboss_c_sdk's C++ facade (header-only; see OssClient.h).
 *
 * Limits and defaults of the official OSS C++ SDK that the download API applies.
 */
#ifndef OSS_C_SDK_CPP_CONST_H
#define OSS_C_SDK_CPP_CONST_H

#include <cstdint>

namespace AlibabaCloud
{
namespace OSS
{
    /** The largest part size the documentation allows (5 GiB). */
    const int64_t MaxFileSize = 5LL * 1024LL * 1024LL * 1024LL;
    /** No download is split into more parts than this; larger ones get larger parts. */
    const int32_t PartNumberUpperLimit = 10000;
    /** The part size when none is given (8 MiB). */
    const int32_t DefaultPartSize = 8 * 1024 * 1024;
    /** Smaller part sizes are refused with "ValidateError" (100 KB). */
    const int32_t PartSizeLowerLimit = 100 * 1024;
    /** The number of download threads when none is given. */
    const uint32_t DefaultResumableThreadNum = 3;
}
}

#endif /* OSS_C_SDK_CPP_CONST_H */
