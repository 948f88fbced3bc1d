/*
 * alibabacloud/oss/model/GetObjectResult.h -- liboss_c_sdk's C++ facade (header-only; see
 * OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_GET_OBJECT_RESULT_H
#define OSS_C_SDK_CPP_GET_OBJECT_RESULT_H

#include <iostream>
#include <memory>
#include <string>

#include "../OssResult.h"
#include "ObjectMetaData.h"

namespace AlibabaCloud
{
namespace OSS
{
    /**
     * A downloaded object: which one, and its metadata. A resumable download writes to a file,
     * so Content() is null, as in the official SDK.
     */
    class GetObjectResult : public OssResult
    {
    public:
        GetObjectResult() = default;
        GetObjectResult(const std::string &bucket, const std::string &key, const ObjectMetaData &metaData)
            : bucket_(bucket), key_(key), metaData_(metaData)
        {
            requestId_ = metaData_.HttpMetaData().count("x-oss-request-id") != 0
                             ? metaData_.HttpMetaData().at("x-oss-request-id")
                             : std::string();
        }

        const std::string &Bucket() const { return bucket_; }
        const std::string &Key() const { return key_; }
        const ObjectMetaData &Metadata() const { return metaData_; }
        const std::shared_ptr<std::iostream> &Content() const { return content_; }
        void setContent(const std::shared_ptr<std::iostream> &content) { content_ = content; }

    private:
        std::string bucket_;
        std::string key_;
        ObjectMetaData metaData_;
        std::shared_ptr<std::iostream> content_;
    };
}
}

#endif /* OSS_C_SDK_CPP_GET_OBJECT_RESULT_H */
