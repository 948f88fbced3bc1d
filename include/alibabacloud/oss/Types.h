/*
 * alibabacloud/oss/Types.h -- liboss_c_sdk's C++ facade (header-only; see OssClient.h).
 *
 * The value types the official OSS C++ SDK's download API uses: the signature version, the
 * case-insensitive header maps, and the transfer-progress callback.
 */
#ifndef OSS_C_SDK_CPP_TYPES_H
#define OSS_C_SDK_CPP_TYPES_H

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace AlibabaCloud
{
namespace OSS
{
    /** How requests are signed: OSS signature V1 (the default) or V4 (needs OssClient::SetRegion). */
    enum class SignatureVersionType
    {
        V1,
        V4
    };

    /** Orders header names as HTTP compares them: ignoring ASCII case. */
    struct caseInsensitiveLess
    {
        bool operator()(const std::string &lhs, const std::string &rhs) const
        {
            std::string::size_type n = lhs.size() < rhs.size() ? lhs.size() : rhs.size();
            for (std::string::size_type i = 0; i < n; i++) {
                int a = std::tolower(static_cast<unsigned char>(lhs[i]));
                int b = std::tolower(static_cast<unsigned char>(rhs[i]));
                if (a != b) {
                    return a < b;
                }
            }
            return lhs.size() < rhs.size();
        }
    };

    /** Orders query parameter names byte by byte. */
    struct caseSensitiveLess
    {
        bool operator()(const std::string &lhs, const std::string &rhs) const { return lhs < rhs; }
    };

    using MetaData = std::map<std::string, std::string, caseInsensitiveLess>;
    using HeaderCollection = std::map<std::string, std::string, caseInsensitiveLess>;
    using ParameterCollection = std::map<std::string, std::string, caseSensitiveLess>;

    /**
     * Progress of a transfer: `increment` bytes since the last call, `transferred` bytes in all
     * out of `total`, and the UserData given with it. Called on the thread that started the
     * transfer.
     */
    using TransferProgressHandler =
        std::function<void(size_t increment, int64_t transferred, int64_t total, void *userData)>;

    /** A progress handler and the pointer handed back to it. */
    struct TransferProgress
    {
        TransferProgressHandler Handler;
        void *UserData;
    };
}
}

#endif /* OSS_C_SDK_CPP_TYPES_H */
