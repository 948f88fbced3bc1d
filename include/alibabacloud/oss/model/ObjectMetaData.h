/*
 * alibabacloud/oss/model/ObjectMetaData.h -- liboss_c_sdk's C++ facade (header-only; see
 * OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_OBJECT_META_DATA_H
#define OSS_C_SDK_CPP_OBJECT_META_DATA_H

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "../Types.h"

namespace AlibabaCloud
{
namespace OSS
{
    /**
     * An object's metadata as the answer's headers carry it: the HTTP headers (HttpMetaData) and
     * the user metadata (UserMetaData: the x-oss-meta-* headers, without that prefix). The ETag
     * is kept without its quotes.
     */
    class ObjectMetaData
    {
    public:
        ObjectMetaData() = default;
        ObjectMetaData(const HeaderCollection &headers) { *this = headers; }

        ObjectMetaData &operator=(const HeaderCollection &headers)
        {
            static const std::string prefix = "x-oss-meta-";
            for (HeaderCollection::const_iterator it = headers.begin(); it != headers.end(); ++it) {
                if (it->first.size() > prefix.size() && startsWithIgnoringCase(it->first, prefix)) {
                    userMetaData_[it->first.substr(prefix.size())] = it->second;
                } else {
                    metaData_[it->first] = it->second;
                }
            }
            MetaData::iterator etag = metaData_.find("ETag");
            if (etag != metaData_.end()) {
                etag->second = trimQuotes(etag->second);
            }
            return *this;
        }

        const std::string &LastModified() const { return get("Last-Modified"); }
        const std::string &ExpirationTime() const { return get("Expires"); }
        /** The bytes the answer describes (for a range, the range's length); -1 if unknown. */
        int64_t ContentLength() const
        {
            MetaData::const_iterator it = metaData_.find("Content-Length");
            return it == metaData_.end() ? -1 : static_cast<int64_t>(std::strtoll(it->second.c_str(), nullptr, 10));
        }
        const std::string &ContentType() const { return get("Content-Type"); }
        const std::string &ContentEncoding() const { return get("Content-Encoding"); }
        const std::string &CacheControl() const { return get("Cache-Control"); }
        const std::string &ContentDisposition() const { return get("Content-Disposition"); }
        const std::string &ETag() const { return get("ETag"); }
        const std::string &ContentMd5() const { return get("Content-MD5"); }
        const std::string &ObjectType() const { return get("x-oss-object-type"); }
        const std::string &VersionId() const { return get("x-oss-version-id"); }
        /** The whole object's CRC-64 as the server reports it (x-oss-hash-crc64ecma); 0 if absent. */
        uint64_t CRC64() const
        {
            MetaData::const_iterator it = metaData_.find("x-oss-hash-crc64ecma");
            return it == metaData_.end() ? 0ULL : static_cast<uint64_t>(std::strtoull(it->second.c_str(), nullptr, 10));
        }

        void setExpirationTime(const std::string &value) { metaData_["Expires"] = value; }
        void setContentLength(int64_t value) { metaData_["Content-Length"] = std::to_string(value); }
        void setContentType(const std::string &value) { metaData_["Content-Type"] = value; }
        void setContentEncoding(const std::string &value) { metaData_["Content-Encoding"] = value; }
        void setCacheControl(const std::string &value) { metaData_["Cache-Control"] = value; }
        void setContentDisposition(const std::string &value) { metaData_["Content-Disposition"] = value; }
        void setETag(const std::string &value) { metaData_["ETag"] = value; }
        void setContentMd5(const std::string &value) { metaData_["Content-MD5"] = value; }
        void setCrc64(uint64_t value) { metaData_["x-oss-hash-crc64ecma"] = std::to_string(value); }
        void addHeader(const std::string &key, const std::string &value) { metaData_[key] = value; }
        bool hasHeader(const std::string &key) const { return metaData_.find(key) != metaData_.end(); }
        void removeHeader(const std::string &key) { metaData_.erase(key); }
        void addUserHeader(const std::string &key, const std::string &value) { userMetaData_[key] = value; }
        bool hasUserHeader(const std::string &key) const { return userMetaData_.find(key) != userMetaData_.end(); }
        void removeUserHeader(const std::string &key) { userMetaData_.erase(key); }

        MetaData &HttpMetaData() { return metaData_; }
        const MetaData &HttpMetaData() const { return metaData_; }
        MetaData &UserMetaData() { return userMetaData_; }
        const MetaData &UserMetaData() const { return userMetaData_; }

    private:
        const std::string &get(const char *name) const
        {
            static const std::string empty;
            MetaData::const_iterator it = metaData_.find(name);
            return it == metaData_.end() ? empty : it->second;
        }

        static bool startsWithIgnoringCase(const std::string &text, const std::string &prefix)
        {
            for (std::string::size_type i = 0; i < prefix.size(); i++) {
                if (i >= text.size() || std::tolower(static_cast<unsigned char>(text[i])) !=
                                            std::tolower(static_cast<unsigned char>(prefix[i]))) {
                    return false;
                }
            }
            return true;
        }

        static std::string trimQuotes(const std::string &value)
        {
            std::string::size_type first = value.find_first_not_of('"');
            std::string::size_type last = value.find_last_not_of('"');
            return first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
        }

        MetaData userMetaData_;
        MetaData metaData_;
    };
}
}

#endif /* OSS_C_SDK_CPP_OBJECT_META_DATA_H */
