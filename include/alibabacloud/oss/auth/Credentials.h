/*
 * alibabacloud/oss/auth/Credentials.h -- liboss_c_sdk's C++ facade (header-only; see OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_CREDENTIALS_H
#define OSS_C_SDK_CPP_CREDENTIALS_H

#include <string>

namespace AlibabaCloud
{
namespace OSS
{
    /** An AccessKey pair, and the STS security token when the pair is temporary. */
    class Credentials
    {
    public:
        Credentials() = default;
        Credentials(const std::string &accessKeyId, const std::string &accessKeySecret,
                    const std::string &sessionToken = "")
            : accessKeyId_(accessKeyId), accessKeySecret_(accessKeySecret), sessionToken_(sessionToken)
        {
        }

        const std::string &AccessKeyId() const { return accessKeyId_; }
        const std::string &AccessKeySecret() const { return accessKeySecret_; }
        const std::string &SessionToken() const { return sessionToken_; }
        void setAccessKeyId(const std::string &value) { accessKeyId_ = value; }
        void setAccessKeySecret(const std::string &value) { accessKeySecret_ = value; }
        void setSessionToken(const std::string &value) { sessionToken_ = value; }

    private:
        std::string accessKeyId_;
        std::string accessKeySecret_;
        std::string sessionToken_;
    };
}
}

#endif /* OSS_C_SDK_CPP_CREDENTIALS_H */
