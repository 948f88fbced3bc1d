/*
 * alibabacloud/oss/OssRequest.h -- liboss_c_sdk's C++ facade (header-only; see OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_OSS_REQUEST_H
#define OSS_C_SDK_CPP_OSS_REQUEST_H

#include <cstdint>
#include <string>

#include "Const.h"
#include "Types.h"

namespace AlibabaCloud
{
namespace OSS
{
    class OssClient;

    /**
     * What every resumable operation takes: the object, the part size, the number of threads,
     * the checkpoint directory (set: an interrupted operation resumes; empty: it starts over),
     * a traffic limit, a version id and a progress handler.
     */
    class OssResumableBaseRequest
    {
    public:
        OssResumableBaseRequest(const std::string &bucket, const std::string &key, const std::string &checkpointDir,
                                uint64_t partSize, uint32_t threadNum)
            : bucket_(bucket), key_(key), partSize_(partSize), threadNum_(threadNum == 0 ? 1 : threadNum),
              checkpointDir_(checkpointDir), trafficLimit_(0), transferProgress_()
        {
        }
        virtual ~OssResumableBaseRequest() {}

        void setBucket(const std::string &bucket) { bucket_ = bucket; }
        const std::string &Bucket() const { return bucket_; }
        void setKey(const std::string &key) { key_ = key; }
        const std::string &Key() const { return key_; }

        /** Bytes per part: at least 100 KB (PartSizeLowerLimit), else "ValidateError". */
        void setPartSize(uint64_t partSize) { partSize_ = partSize; }
        uint64_t PartSize() const { return partSize_; }
        /** Parts fetched at once, each on its own connection: at least 1, else "ValidateError". */
        void setThreadNum(uint32_t threadNum) { threadNum_ = threadNum; }
        uint32_t ThreadNum() const { return threadNum_; }
        /** An existing directory for the checkpoint file (else "ValidateError"); empty: none. */
        void setCheckpointDir(const std::string &checkpointDir) { checkpointDir_ = checkpointDir; }
        const std::string &CheckpointDir() const { return checkpointDir_; }
        bool hasCheckpointDir() const { return !checkpointDir_.empty(); }

        /** Bandwidth cap in bit/s (x-oss-traffic-limit on every part request); 0: none. */
        void setTrafficLimit(uint64_t value) { trafficLimit_ = value; }
        uint64_t TrafficLimit() const { return trafficLimit_; }
        /** A version of the object (versionId on every request); empty: the current one. */
        void setVersionId(const std::string &versionId) { versionId_ = versionId; }
        const std::string &VersionId() const { return versionId_; }

        /** Called on the caller's thread as bytes arrive (about every 1% or 4 MiB). */
        void setTransferProgress(const AlibabaCloud::OSS::TransferProgress &arg) { transferProgress_ = arg; }
        const AlibabaCloud::OSS::TransferProgress &TransferProgress() const { return transferProgress_; }

    protected:
        std::string bucket_;
        std::string key_;
        uint64_t partSize_;
        uint32_t threadNum_;
        std::string checkpointDir_;
        uint64_t trafficLimit_;
        std::string versionId_;
        AlibabaCloud::OSS::TransferProgress transferProgress_;
    };
}
}

#endif /* OSS_C_SDK_CPP_OSS_REQUEST_H */
