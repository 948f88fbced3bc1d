/*
 * alibabacloud/oss/auth/CredentialsProvider.h -- liboss_c_sdk's C++ facade (header-only; see
 * OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_CREDENTIALS_PROVIDER_H
#define OSS_C_SDK_CPP_CREDENTIALS_PROVIDER_H

#include <cstdlib>
#include <string>

#include "Credentials.h"

namespace AlibabaCloud
{
namespace OSS
{
    /** Where a client gets its credentials; asked again for every operation. */
    class CredentialsProvider
    {
    public:
        CredentialsProvider() = default;
        virtual ~CredentialsProvider() {}
        virtual Credentials getCredentials() = 0;
    };

    /** Always the same credentials. */
    class SimpleCredentialsProvider : public CredentialsProvider
    {
    public:
        explicit SimpleCredentialsProvider(const Credentials &credentials) : credentials_(credentials) {}
        SimpleCredentialsProvider(const std::string &accessKeyId, const std::string &accessKeySecret,
                                  const std::string &securityToken = "")
            : credentials_(accessKeyId, accessKeySecret, securityToken)
        {
        }
        Credentials getCredentials() override { return credentials_; }

    private:
        Credentials credentials_;
    };

    /**
     * Credentials from the environment, read at every operation: OSS_ACCESS_KEY_ID,
     * OSS_ACCESS_KEY_SECRET and (for STS credentials) OSS_SESSION_TOKEN. Unset variables read as
     * empty; the server then refuses the request.
     */
    class EnvironmentVariableCredentialsProvider : public CredentialsProvider
    {
    public:
        Credentials getCredentials() override
        {
            return Credentials(variable("OSS_ACCESS_KEY_ID"), variable("OSS_ACCESS_KEY_SECRET"),
                               variable("OSS_SESSION_TOKEN"));
        }

    private:
        static std::string variable(const char *name)
        {
            const char *value = std::getenv(name);
            return value == nullptr ? std::string() : std::string(value);
        }
    };
}
}

#endif /* OSS_C_SDK_CPP_CREDENTIALS_PROVIDER_H */
