/*
 * alibabacloud/oss/OssClient.h -- liboss_c_sdk's C++ facade: the official OSS C++ SDK's
 * resumable download (InitializeSdk, ClientConfiguration, credentials providers, OssClient,
 * DownloadObjectRequest, ResumableDownloadObject) over liboss_c_sdk's C API.
 *
 * Header-only C++11: include <alibabacloud/oss/OssClient.h> and link -loss_c_sdk; there is no
 * C++ library to build or ship. Like the official header it brings in <iostream>, <string> and
 * <memory>. Every call allocates what it hands to the C library in one aos_pool_t of its own and
 * destroys it before returning (also when an exception passes through).
 *
 * Only the download surface is provided: ResumableDownloadObject, and DisableRequest /
 * EnableRequest to stop running downloads.
 */
#ifndef OSS_C_SDK_CPP_OSS_CLIENT_H
#define OSS_C_SDK_CPP_OSS_CLIENT_H

#include <atomic>
#include <climits>
#include <cstdint>
#include <exception>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <string>

/* Relative, so that this facade always pairs with the C header installed beside it. */
#include "../../oss_api.h"

#include "Const.h"
#include "OssError.h"
#include "OssFwd.h"
#include "OssRequest.h"
#include "OssResult.h"
#include "Types.h"
#include "auth/Credentials.h"
#include "auth/CredentialsProvider.h"
#include "client/ClientConfiguration.h"
#include "model/DownloadObjectRequest.h"
#include "model/GetObjectResult.h"
#include "model/ObjectMetaData.h"
#include "utils/Outcome.h"

namespace AlibabaCloud
{
namespace OSS
{
    namespace detail
    {
        inline std::atomic<bool> &sdkInitialized()
        {
            static std::atomic<bool> initialized(false);
            return initialized;
        }
    }

    /** Sets up the library (libcurl) for the process; call once before the first request. */
    inline void InitializeSdk()
    {
        detail::sdkInitialized() = aos_http_io_initialize("oss-cpp", 0) == AOSE_OK;
    }

    inline bool IsSdkInitialized() { return detail::sdkInitialized(); }

    /** Releases what InitializeSdk set up; call once after the last request. */
    inline void ShutdownSdk()
    {
        aos_http_io_deinitialize();
        detail::sdkInitialized() = false;
    }

    namespace detail
    {
        /** One aos_pool_t for one call: everything given to or received from C lives in it. */
        class Pool
        {
        public:
            Pool() : pool_(nullptr) { aos_pool_create(&pool_, nullptr); }
            ~Pool()
            {
                if (pool_ != nullptr) {
                    aos_pool_destroy(pool_);
                }
            }
            Pool(const Pool &) = delete;
            Pool &operator=(const Pool &) = delete;
            aos_pool_t *get() const { return pool_; }

        private:
            aos_pool_t *pool_;
        };

        /** `s` viewed as an aos_string_t (no copy: `s` must outlive its use); empty: the null string. */
        inline aos_string_t view(const std::string &s)
        {
            aos_string_t out;
            out.data = s.empty() ? nullptr : const_cast<char *>(s.data());
            out.len = static_cast<int>(s.size());
            return out;
        }

        /** Whole seconds, rounded up, for the C library's second-granular timeouts. */
        inline int secondsRoundedUp(long ms)
        {
            if (ms <= 0) {
                return 0;
            }
            long s = (ms + 999) / 1000;
            return s > INT_MAX ? INT_MAX : static_cast<int>(s);
        }

        inline std::string str(const char *s) { return s == nullptr ? std::string() : std::string(s); }

        /** The C library's answer headers as a header map (copied: the pool dies after the call). */
        inline HeaderCollection headers(const aos_table_t *table)
        {
            HeaderCollection out;
            if (table == nullptr) {
                return out;
            }
            const aos_array_header_t *entries = apr_table_elts(table);
            const aos_table_entry_t *e = reinterpret_cast<const aos_table_entry_t *>(entries->elts);
            for (int i = 0; i < entries->nelts; i++) {
                if (e[i].key != nullptr && out.count(e[i].key) == 0) {
                    out[e[i].key] = str(e[i].val);
                }
            }
            return out;
        }

        struct RunningDownload;
    }
}
}

extern "C" {
/* The C library calls this on the caller's thread with the download's progress. C linkage,
 * because it is called through a C function pointer; static, so each translation unit has its
 * own copy and the facade stays header-only. */
static inline void alibabacloud_oss_cpp_progress(int64_t consumed, int64_t total, void *user_data);
}

namespace AlibabaCloud
{
namespace OSS
{
    /**
     * A client of one endpoint with one set of credentials. ResumableDownloadObject may be called
     * from several threads at once. Not copyable (DisableRequest acts on this client's downloads).
     */
    class OssClient
    {
    public:
        OssClient(const std::string &endpoint, const std::string &accessKeyId, const std::string &accessKeySecret,
                  const ClientConfiguration &configuration)
            : OssClient(endpoint, std::make_shared<SimpleCredentialsProvider>(accessKeyId, accessKeySecret),
                        configuration)
        {
        }
        OssClient(const std::string &endpoint, const std::string &accessKeyId, const std::string &accessKeySecret,
                  const std::string &securityToken, const ClientConfiguration &configuration)
            : OssClient(endpoint,
                        std::make_shared<SimpleCredentialsProvider>(accessKeyId, accessKeySecret, securityToken),
                        configuration)
        {
        }
        OssClient(const std::string &endpoint, const Credentials &credentials, const ClientConfiguration &configuration)
            : OssClient(endpoint, std::make_shared<SimpleCredentialsProvider>(credentials), configuration)
        {
        }
        OssClient(const std::string &endpoint, const std::shared_ptr<CredentialsProvider> &credentialsProvider,
                  const ClientConfiguration &configuration)
            : endpoint_(endpoint), credentialsProvider_(credentialsProvider), configuration_(configuration),
              disabled_(false)
        {
        }
        ~OssClient() {}
        OssClient(const OssClient &) = delete;
        OssClient &operator=(const OssClient &) = delete;

        /** The bucket's region (e.g. "cn-hangzhou"), which V4 signatures name. */
        void SetRegion(const std::string &region) { region_ = region; }
        /** The CloudBox id, for V4 signatures against a CloudBox. */
        void SetCloudBoxId(const std::string &cloudBoxId) { cloudBoxId_ = cloudBoxId; }

        /**
         * Downloads the request's object (or range) into its file: see DownloadObjectRequest.
         * Fails with "ValidateError" for a request the official SDK refuses, with the server's
         * code, message and request id for its refusals (e.g. "NoSuchKey", "InvalidRange"), with
         * "CrcCheckError" if the file's CRC-64 differs from the server's, and with
         * "ClientError:100002" if DisableRequest stopped it (the checkpoint, if any, stays for a
         * later call to resume). An exception thrown by the progress handler stops the download
         * and is rethrown here.
         */
        GetObjectOutcome ResumableDownloadObject(const DownloadObjectRequest &request) const;

        /**
         * Stops every running download of this client promptly (each fails with
         * "ClientError:100002", keeping its checkpoint) and refuses new ones until EnableRequest.
         * Callable from any thread.
         */
        void DisableRequest()
        {
            std::lock_guard<std::mutex> hold(lock_);
            disabled_ = true;
            for (std::set<aos_http_controller_t *>::iterator it = running_.begin(); it != running_.end(); ++it) {
                aos_http_controller_cancel(*it);
            }
        }

        void EnableRequest()
        {
            std::lock_guard<std::mutex> hold(lock_);
            disabled_ = false;
        }

    private:
        friend struct detail::RunningDownload;

        static OssError disabledError() { return OssError("ClientError:100002", "Disable all requests by upper."); }

        bool isDisabled() const
        {
            std::lock_guard<std::mutex> hold(lock_);
            return disabled_;
        }

        /** Registers a running download's controller; false (not registered) if disabled. */
        bool enter(aos_http_controller_t *ctl) const
        {
            std::lock_guard<std::mutex> hold(lock_);
            if (disabled_) {
                return false;
            }
            running_.insert(ctl);
            return true;
        }

        void leave(aos_http_controller_t *ctl) const
        {
            std::lock_guard<std::mutex> hold(lock_);
            running_.erase(ctl);
        }

        std::string endpoint_;
        std::shared_ptr<CredentialsProvider> credentialsProvider_;
        ClientConfiguration configuration_;
        std::string region_;
        std::string cloudBoxId_;
        mutable std::mutex lock_;
        mutable std::set<aos_http_controller_t *> running_;
        bool disabled_;
    };

    namespace detail
    {
        /**
         * One download in flight: what the progress trampoline needs, and the registration of its
         * controller with the client (undone on every way out).
         */
        struct RunningDownload
        {
            RunningDownload(const OssClient &c, aos_http_controller_t *controller, const TransferProgress &p)
                : client(c), ctl(controller), progress(p), reported(0), registered(c.enter(controller))
            {
            }
            ~RunningDownload()
            {
                if (registered) {
                    client.leave(ctl);
                }
            }
            RunningDownload(const RunningDownload &) = delete;
            RunningDownload &operator=(const RunningDownload &) = delete;

            /** Progress from C: forwarded to the handler with the increment since the last call. */
            void onProgress(int64_t consumed, int64_t total)
            {
                // DisableRequest may have run between registration and the start of the
                // download, when there was nothing yet to cancel: every report checks again.
                if (client.isDisabled()) {
                    aos_http_controller_cancel(ctl);
                }
                if (!progress.Handler || error) {
                    return;
                }
                size_t increment = consumed > reported ? static_cast<size_t>(consumed - reported) : 0;
                if (consumed > reported) {
                    reported = consumed;
                }
                try {
                    progress.Handler(increment, consumed, total, progress.UserData);
                } catch (...) {
                    // An exception must not cross the C library: stop the download, rethrow later.
                    error = std::current_exception();
                    aos_http_controller_cancel(ctl);
                }
            }

            const OssClient &client;
            aos_http_controller_t *ctl;
            const TransferProgress &progress;
            int64_t reported;
            std::exception_ptr error;
            bool registered;
        };
    }

    inline GetObjectOutcome OssClient::ResumableDownloadObject(const DownloadObjectRequest &request) const
    {
        int invalid = request.validate();
        if (invalid != 0) {
            return GetObjectOutcome(OssError("ValidateError", DownloadObjectRequest::validateMessage(invalid)));
        }
        if (isDisabled()) {
            return GetObjectOutcome(disabledError());
        }
        const Credentials credentials = credentialsProvider_ ? credentialsProvider_->getCredentials() : Credentials();
        const ClientConfiguration &conf = configuration_;

        detail::Pool pool;
        if (pool.get() == nullptr) {
            return GetObjectOutcome(OssError("ClientError:100001", "cannot create a memory pool"));
        }
        aos_pool_t *p = pool.get();

        // Client configuration -> oss_config_t (strings point at values alive for this call).
        oss_request_options_t *options = oss_request_options_create(p);
        options->config = oss_config_create(p);
        oss_config_t *config = options->config;
        config->endpoint = detail::view(endpoint_);
        config->access_key_id = detail::view(credentials.AccessKeyId());
        config->access_key_secret = detail::view(credentials.AccessKeySecret());
        config->sts_token = detail::view(credentials.SessionToken());
        config->is_cname = conf.isCname ? AOS_TRUE : AOS_FALSE;
        config->proxy_host = detail::view(conf.proxyHost);
        config->proxy_port = conf.proxyPort > static_cast<unsigned>(INT_MAX) ? 0 : static_cast<int>(conf.proxyPort);
        config->proxy_user = detail::view(conf.proxyUserName);
        config->proxy_passwd = detail::view(conf.proxyPassword);
        config->signature_version = conf.signatureVersion == SignatureVersionType::V4 ? 4 : 1;
        config->region = detail::view(region_);
        config->cloudbox_id = detail::view(cloudBoxId_);

        // Transfer settings -> this call's own controller options.
        options->ctl = aos_http_controller_create(p, 0);
        aos_http_request_options_t *http = aos_http_request_options_create(p);
        http->speed_limit = 1;
        http->speed_time = detail::secondsRoundedUp(conf.requestTimeoutMs);
        http->connect_timeout = detail::secondsRoundedUp(conf.connectTimeoutMs);
        http->enable_crc = conf.enableCrc64 ? AOS_TRUE : AOS_FALSE;
        http->verify_ssl = conf.verifySSL ? AOS_TRUE : AOS_FALSE;
        http->ca_path = conf.caPath.empty() ? nullptr : apr_pstrdup(p, conf.caPath.c_str());
        http->ca_file = conf.caFile.empty() ? nullptr : apr_pstrdup(p, conf.caFile.c_str());
        http->verify_object_strict = conf.isVerifyObjectStrict ? AOS_TRUE : AOS_FALSE;
        options->ctl->options = http;

        // The request -> headers, parameters and download parameters.
        aos_table_t *headers = aos_table_make(p, 2);
        if (request.RangeIsSet()) {
            std::string range = "bytes=" + std::to_string(request.RangeStart()) + "-";
            if (request.RangeEnd() != -1) {
                range += std::to_string(request.RangeEnd());
            }
            apr_table_set(headers, "Range", range.c_str());
        }
        if (request.TrafficLimit() != 0) {
            apr_table_set(headers, "x-oss-traffic-limit", std::to_string(request.TrafficLimit()).c_str());
        }
        aos_table_t *params = aos_table_make(p, 1);
        if (!request.VersionId().empty()) {
            apr_table_set(params, "versionId", request.VersionId().c_str());
        }
        // The C library takes at most 1024 threads (more means 1 there); the C++ SDK has no upper
        // limit, so more than 1024 asks for the most the library gives.
        int32_t threads = request.ThreadNum() > 1024 ? 1024 : static_cast<int32_t>(request.ThreadNum());
        int64_t partSize = request.PartSize() > static_cast<uint64_t>(INT64_MAX) ? INT64_MAX
                                                                                 : static_cast<int64_t>(request.PartSize());
        // A trailing '/' tells the C library the path is a directory to keep the checkpoint in.
        std::string checkpointDir = request.CheckpointDir();
        if (!checkpointDir.empty() && checkpointDir[checkpointDir.size() - 1] != '/') {
            checkpointDir += '/';
        }
        oss_resumable_clt_params_t *clt = oss_create_resumable_clt_params_content(
            p, partSize, threads, request.hasCheckpointDir() ? AOS_TRUE : AOS_FALSE,
            request.hasCheckpointDir() ? checkpointDir.c_str() : nullptr);

        aos_string_t bucket = detail::view(request.Bucket());
        aos_string_t object = detail::view(request.Key());
        aos_string_t file = detail::view(request.FilePath());
        aos_table_t *respHeaders = nullptr;
        aos_status_t *status = nullptr;
        bool cancelled = false;
        {
            detail::RunningDownload running(*this, options->ctl, request.TransferProgress());
            if (!running.registered) {
                return GetObjectOutcome(disabledError());
            }
            status = oss_resumable_download_file_ex(options, &bucket, &object, &file, headers, params, clt,
                                                    alibabacloud_oss_cpp_progress, &running, &respHeaders);
            if (running.error) {
                std::rethrow_exception(running.error);
            }
            cancelled = isDisabled();
        }

        if (status == nullptr) {
            return GetObjectOutcome(OssError("ClientError:100001", "the C library returned no status"));
        }
        if (aos_status_is_ok(status)) {
            return GetObjectOutcome(
                GetObjectResult(request.Bucket(), request.Key(), ObjectMetaData(detail::headers(respHeaders))));
        }
        OssError error;
        if (status->code == AOSE_ABORT_CALLBACK && cancelled) {
            error = disabledError();
        } else if (detail::str(status->error_code) == "InconsistentError") {
            // The official SDK's code for a CRC-64 mismatch; the message says which CRCs.
            error = OssError("CrcCheckError", detail::str(status->error_msg));
        } else {
            std::string code = detail::str(status->error_code);
            error = OssError(code.empty() ? std::to_string(status->code) : code, detail::str(status->error_msg));
        }
        error.setRequestId(detail::str(status->req_id));
        return GetObjectOutcome(error);
    }
}
}

static inline void alibabacloud_oss_cpp_progress(int64_t consumed, int64_t total, void *user_data)
{
    static_cast<AlibabaCloud::OSS::detail::RunningDownload *>(user_data)->onProgress(consumed, total);
}

#endif /* OSS_C_SDK_CPP_OSS_CLIENT_H */
