/*
 * alibabacloud/oss/model/DownloadObjectRequest.h -- liboss_c_sdk's C++ facade (header-only; see
 * OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_DOWNLOAD_OBJECT_REQUEST_H
#define OSS_C_SDK_CPP_DOWNLOAD_OBJECT_REQUEST_H

#include <sys/stat.h>

#include <cstdint>
#include <string>

#include "../Const.h"
#include "../OssRequest.h"

namespace AlibabaCloud
{
namespace OSS
{
    /**
     * A resumable download of `key` in `bucket` into `filePath`: parts of PartSize() (default
     * 8 MiB) fetched by ThreadNum() threads (default 3) into `filePath` + ".tmp", which becomes
     * `filePath` once complete and verified. With a checkpoint directory, an interrupted download
     * resumes where it stopped; its checkpoint file lives in that directory and is removed after
     * success. setRange downloads only part of the object.
     */
    class DownloadObjectRequest : public OssResumableBaseRequest
    {
    public:
        DownloadObjectRequest(const std::string &bucket, const std::string &key, const std::string &filePath)
            : DownloadObjectRequest(bucket, key, filePath, "", DefaultPartSize, DefaultResumableThreadNum)
        {
        }
        DownloadObjectRequest(const std::string &bucket, const std::string &key, const std::string &filePath,
                              const std::string &checkpointDir)
            : DownloadObjectRequest(bucket, key, filePath, checkpointDir, DefaultPartSize, DefaultResumableThreadNum)
        {
        }
        DownloadObjectRequest(const std::string &bucket, const std::string &key, const std::string &filePath,
                              const std::string &checkpointDir, const uint64_t partSize, const uint32_t threadNum)
            : OssResumableBaseRequest(bucket, key, checkpointDir, partSize, threadNum), rangeIsSet_(false),
              filePath_(filePath)
        {
            range_[0] = 0;
            range_[1] = -1;
        }

        const std::string &FilePath() const { return filePath_; }
        /** Where the bytes are written until the download is complete and verified. */
        std::string TempFilePath() const { return filePath_ + ".tmp"; }

        /**
         * Download only bytes `start`..`end` (inclusive; `end` -1: to the end of the object; an
         * `end` past the object is clamped). The file then holds exactly those bytes, and
         * Metadata().ContentLength() is their number.
         */
        void setRange(int64_t start, int64_t end)
        {
            range_[0] = start;
            range_[1] = end;
            rangeIsSet_ = true;
        }
        bool RangeIsSet() const { return rangeIsSet_; }
        int64_t RangeStart() const { return range_[0]; }
        int64_t RangeEnd() const { return range_[1]; }

    protected:
        friend class OssClient;

        /** The official checks, in the official order: 0, or a code for validateMessage. */
        int validate() const
        {
            if (partSize_ < static_cast<uint64_t>(PartSizeLowerLimit)) {
                return 1;
            }
            if (threadNum_ == 0) {
                return 2;
            }
            if (rangeIsSet_ && (range_[0] < 0 || range_[1] < -1 || (range_[1] > -1 && range_[1] < range_[0]))) {
                return 3;
            }
            if (filePath_.empty()) {
                return 4;
            }
            if (!isDirectory(directoryOf(filePath_))) {
                return 5;
            }
            if (hasCheckpointDir() && !isDirectory(checkpointDir_)) {
                return 6;
            }
            return 0;
        }

        static const char *validateMessage(int code)
        {
            switch (code) {
            case 1: return "The part size is less than 100KB.";
            case 2: return "The thread num is less than 1.";
            case 3: return "Invalid range of resumable download";
            case 4: return "The path of file download to is empty";
            case 5: return "Open temp file for download failed";
            case 6: return "Checkpoint directory is not exist.";
            default: return "Argument is invalid, please check.";
            }
        }

    private:
        static bool isDirectory(const std::string &path)
        {
            struct stat st;
            return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
        }

        /** The directory the file is created in ("." for a bare name). */
        static std::string directoryOf(const std::string &path)
        {
            std::string::size_type slash = path.find_last_of('/');
            if (slash == std::string::npos) {
                return ".";
            }
            return slash == 0 ? std::string("/") : path.substr(0, slash);
        }

        bool rangeIsSet_;
        int64_t range_[2];
        std::string filePath_;
    };
}
}

#endif /* OSS_C_SDK_CPP_DOWNLOAD_OBJECT_REQUEST_H */
