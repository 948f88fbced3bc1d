/*
 * alibabacloud/oss/client/ClientConfiguration.h -- liboss_c_sdk's C++ facade (header-only; see
 * OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_CLIENT_CONFIGURATION_H
#define OSS_C_SDK_CPP_CLIENT_CONFIGURATION_H

#include <string>

#include "../Types.h"

namespace AlibabaCloud
{
namespace OSS
{
    /**
     * How a client talks to OSS, with the official defaults. Each field says what it becomes in
     * the C library's request options; the fields marked "accepted" are kept for source
     * compatibility and change nothing here.
     */
    class ClientConfiguration
    {
    public:
        ClientConfiguration()
            : maxConnections(16), requestTimeoutMs(10000), connectTimeoutMs(5000), proxyPort(0), verifySSL(true),
              isCname(false), enableCrc64(true), enableDateSkewAdjustment(true), isVerifyObjectStrict(true),
              signatureVersion(SignatureVersionType::V1)
        {
        }

        /** Accepted. The user agent is process-wide here (InitializeSdk sets it). */
        std::string userAgent;
        /** Accepted. A download opens one connection per thread (DownloadObjectRequest::setThreadNum). */
        unsigned maxConnections;
        /**
         * A transfer slower than 1 byte/s (libcurl's average) for this long fails and is retried
         * inside its part: the official SDK's low-speed rule, in whole seconds rounded up; 0 or
         * less turns it off. Default 10000.
         */
        long requestTimeoutMs;
        /** Time allowed to connect, in whole seconds rounded up; 0 or less: libcurl's default. Default 5000. */
        long connectTimeoutMs;
        /** An HTTP proxy: host, port (0: the default), user name and password. */
        std::string proxyHost;
        unsigned int proxyPort;
        std::string proxyUserName;
        std::string proxyPassword;
        /** Verify the server's TLS certificate and host name. Default true. */
        bool verifySSL;
        /** CA certificate directory and bundle file for TLS verification (empty: the system's). */
        std::string caPath;
        std::string caFile;
        /** The endpoint is the bucket's own domain (CNAME). Default false. */
        bool isCname;
        /** Compare the downloaded file's CRC-64 with the server's. Default true. */
        bool enableCrc64;
        /** Accepted. Request times come from the local clock. */
        bool enableDateSkewAdjustment;
        /** Refuse object names the official SDK refuses in strict mode. Default true. */
        bool isVerifyObjectStrict;
        /** V1 (default) or V4; V4 needs the bucket's region (OssClient::SetRegion). */
        SignatureVersionType signatureVersion;
    };
}
}

#endif /* OSS_C_SDK_CPP_CLIENT_CONFIGURATION_H */
