/*
 * alibabacloud/oss/OssResult.h -- liboss_c_sdk's C++ facade (header-only; see OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_OSS_RESULT_H
#define OSS_C_SDK_CPP_OSS_RESULT_H

#include <string>

namespace AlibabaCloud
{
namespace OSS
{
    /** What every successful result carries: the request id of the answer it came from. */
    class OssResult
    {
    public:
        OssResult() = default;
        const std::string &RequestId() const { return requestId_; }
        void setRequestId(const std::string &value) { requestId_ = value; }

    protected:
        std::string requestId_;
    };
}
}

#endif /* OSS_C_SDK_CPP_OSS_RESULT_H */
