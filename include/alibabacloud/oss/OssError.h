/*
 * alibabacloud/oss/OssError.h -- liboss_c_sdk's C++ facade (header-only; see OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_OSS_ERROR_H
#define OSS_C_SDK_CPP_OSS_ERROR_H

#include <string>

namespace AlibabaCloud
{
namespace OSS
{
    /**
     * Why an operation failed. For answers of the service, Code, Message and RequestId are the
     * server's (e.g. "NoSuchKey"); for failures on this side, Code is one of the official
     * client codes ("ValidateError", "CrcCheckError", "ClientError:100002" for a disabled
     * client) or the C library's error code ("OpenFileFail", "HttpIoError", ...).
     */
    class OssError
    {
    public:
        OssError() = default;
        OssError(const std::string &code, const std::string &message) : code_(code), message_(message) {}

        const std::string &Code() const { return code_; }
        const std::string &Message() const { return message_; }
        const std::string &RequestId() const { return requestId_; }
        /** The endpoint's host as the server reported it; empty (the C library does not keep it). */
        const std::string &Host() const { return host_; }

        void setCode(const std::string &value) { code_ = value; }
        void setMessage(const std::string &value) { message_ = value; }
        void setRequestId(const std::string &value) { requestId_ = value; }
        void setHost(const std::string &value) { host_ = value; }

    private:
        std::string code_;
        std::string message_;
        std::string requestId_;
        std::string host_;
    };
}
}

#endif /* OSS_C_SDK_CPP_OSS_ERROR_H */
