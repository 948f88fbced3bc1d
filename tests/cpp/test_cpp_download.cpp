/* The C++ facade downloading from the local OSS server: whole objects (V1 and V4, several
 * threads, a checkpoint directory left empty), the result's metadata, progress with user data,
 * ranges, version ids, the traffic limit, the CRC-64 switch, the proxy, the request timeout, and an
 * exception thrown by the progress handler. Run by with_server.sh with test-bucket/obj
 * (1 MiB + 7), test-bucket/flip (a byte flipped in every answer) and test-bucket/stall (the
 * first GET stalls before its body). */
#include <alibabacloud/oss/OssClient.h>

#include <chrono>
#include <stdexcept>

#include "cpp_util.h"

using namespace AlibabaCloud::OSS;

static const int64_t ObjSize = 1048583;

static ClientConfiguration v4()
{
    ClientConfiguration conf;
    conf.signatureVersion = SignatureVersionType::V4;
    return conf;
}

static std::unique_ptr<OssClient> v4_client(const ClientConfiguration &conf = v4())
{
    std::unique_ptr<OssClient> client(
        new OssClient(env("OSS_ENDPOINT"), std::make_shared<EnvironmentVariableCredentialsProvider>(), conf));
    client->SetRegion(env("OSS_REGION"));
    return client;
}

/* What a progress handler saw; handed to it as UserData. */
struct Seen {
    const char *tag;
    int calls;
    uint64_t increments;
    int64_t last;
    int64_t total;
    bool went_back;
};

static void on_progress(size_t increment, int64_t transferred, int64_t total, void *userData)
{
    Seen *seen = static_cast<Seen *>(userData);
    seen->calls++;
    seen->increments += increment;
    if (transferred < seen->last) seen->went_back = true;
    seen->last = transferred;
    seen->total = total;
}

static void whole_objects()
{
    const std::string bucket = env("OSS_BUCKET");
    mkdir("cp", 0700);
    const std::string reference = server_copy("obj");

    /* V4 with credentials from the environment, the seed's way, 3 threads of 100 KB parts. */
    auto client = v4_client();
    DownloadObjectRequest request(bucket, "obj", "v4.bin", "cp", 100 * 1024, 3);
    Seen seen = {"v4", 0, 0, 0, 0, false};
    request.setTransferProgress({on_progress, &seen});
    auto outcome = client->ResumableDownloadObject(request);
    CHECK(outcome.isSuccess());
    CHECK(read_file("v4.bin") == reference);
    CHECK(listing("cp").empty()); /* the checkpoint is removed after success */
    CHECK(!exists("v4.bin.tmp"));

    const ObjectMetaData &meta = outcome.result().Metadata();
    CHECK_INT(meta.ContentLength(), ObjSize);
    CHECK_STRING("\"" + meta.ETag() + "\"", server_meta("obj", "etag")); /* quotes trimmed */
    CHECK_STRING(std::to_string(meta.CRC64()), server_meta("obj", "crc64"));
    CHECK_STRING(meta.ContentType(), "application/octet-stream");
    CHECK(!meta.LastModified().empty());
    CHECK_STRING(meta.ObjectType(), "Normal");
    CHECK(meta.HttpMetaData().count("content-length") == 1); /* case-insensitive */
    CHECK_INT(outcome.result().RequestId().size(), 24);
    CHECK_STRING(outcome.result().RequestId(), meta.HttpMetaData().at("x-oss-request-id"));
    CHECK_STRING(outcome.result().Bucket(), bucket);
    CHECK_STRING(outcome.result().Key(), "obj");
    CHECK(outcome.result().Content() == nullptr);

    CHECK_STRING(seen.tag, "v4"); /* UserData came back untouched */
    CHECK(seen.calls > 2 && !seen.went_back);
    CHECK_INT(seen.increments, ObjSize); /* the increments add up to the object */
    CHECK_INT(seen.last, ObjSize);
    CHECK_INT(seen.total, ObjSize);

    /* V1 with an AccessKey pair, the defaults (8 MiB parts, 3 threads, no checkpoint). */
    OssClient v1(env("OSS_ENDPOINT"), env("OSS_ACCESS_KEY_ID"), env("OSS_ACCESS_KEY_SECRET"), ClientConfiguration());
    CHECK(v1.ResumableDownloadObject(DownloadObjectRequest(bucket, "obj", "v1.bin")).isSuccess());
    CHECK(read_file("v1.bin") == reference);
    CHECK(!exists("v1.bin.tmp"));
}

static void ranges()
{
    const std::string bucket = env("OSS_BUCKET");
    const std::string reference = server_copy("obj");
    auto client = v4_client();
    struct Case {
        int64_t start, end, first, last;
    };
    /* Across parts, one byte, open-ended, an end past the object (clamped). */
    const Case cases[] = {{100000, 699999, 100000, 699999},
                          {5, 5, 5, 5},
                          {1000000, -1, 1000000, ObjSize - 1},
                          {1048000, 99999999, 1048000, ObjSize - 1}};
    for (const Case &c : cases) {
        DownloadObjectRequest request(bucket, "obj", "range.bin", "cp", 100 * 1024, 3);
        request.setRange(c.start, c.end);
        Seen seen = {"range", 0, 0, 0, 0, false};
        request.setTransferProgress({on_progress, &seen});
        auto outcome = client->ResumableDownloadObject(request);
        CHECK(outcome.isSuccess());
        const int64_t len = c.last - c.first + 1;
        CHECK(read_file("range.bin") == reference.substr(c.first, len));
        CHECK_INT(outcome.result().Metadata().ContentLength(), len);
        CHECK_STRING(outcome.result().Metadata().HttpMetaData().at("Content-Range"),
                     "bytes " + std::to_string(c.first) + "-" + std::to_string(c.last) + "/" + std::to_string(ObjSize));
        CHECK_INT(seen.total, len);
        CHECK_INT(seen.increments, len);
        CHECK(listing("cp").empty());
    }

    /* A range the object cannot satisfy: the server's 416, nothing written. */
    DownloadObjectRequest far(bucket, "obj", "far.bin", "cp");
    far.setRange(ObjSize, ObjSize + 10);
    auto outcome = client->ResumableDownloadObject(far);
    CHECK(!outcome.isSuccess());
    CHECK_STRING(outcome.error().Code(), "InvalidRange");
    CHECK_INT(outcome.error().RequestId().size(), 24);
    CHECK(!exists("far.bin") && !exists("far.bin.tmp") && listing("cp").empty());
}

static void request_options()
{
    const std::string bucket = env("OSS_BUCKET");
    auto client = v4_client();

    /* versionId reaches the server: "null" is the only version it has. */
    DownloadObjectRequest current(bucket, "obj", "null.bin");
    current.setVersionId("null");
    CHECK(client->ResumableDownloadObject(current).isSuccess());
    DownloadObjectRequest other(bucket, "obj", "v.bin");
    other.setVersionId("CAEQNhiBgMDJgZCA0BYiIDc4MGZjZGI2OTBjOTRmNTE5NmU5NmFhZjhjYmY0");
    CHECK_STRING(client->ResumableDownloadObject(other).error().Code(), "NoSuchVersion");

    /* x-oss-traffic-limit reaches the server: it refuses values below 245760 bit/s. */
    DownloadObjectRequest limited(bucket, "obj", "limited.bin");
    limited.setTrafficLimit(100);
    auto refused = client->ResumableDownloadObject(limited);
    CHECK_STRING(refused.error().Code(), "InvalidArgument");
    limited.setTrafficLimit(838860800);
    CHECK(client->ResumableDownloadObject(limited).isSuccess());

    /* enableCrc64: a byte flipped on the wire is caught, or (switched off) not. */
    DownloadObjectRequest flipped(bucket, "flip", "flip.bin", "", 100 * 1024, 2);
    auto caught = client->ResumableDownloadObject(flipped);
    CHECK_STRING(caught.error().Code(), "CrcCheckError");
    CHECK(caught.error().Message().find("CRC-64") != std::string::npos);
    CHECK(!exists("flip.bin"));
    ClientConfiguration no_crc = v4();
    no_crc.enableCrc64 = false;
    CHECK(v4_client(no_crc)->ResumableDownloadObject(flipped).isSuccess());
    CHECK(read_file("flip.bin") != server_copy("flip"));

    /* The proxy fields reach libcurl: through a proxy that refuses connections the download
     * fails; through the server itself as the proxy (it accepts absolute-form requests) it
     * succeeds. */
    ClientConfiguration refused_proxy = v4();
    refused_proxy.proxyHost = "127.0.0.1";
    refused_proxy.proxyPort = 1;
    auto unreachable = v4_client(refused_proxy)->ResumableDownloadObject(DownloadObjectRequest(bucket, "obj", "p.bin"));
    CHECK(!unreachable.isSuccess());
    CHECK_STRING(unreachable.error().Code(), "HttpIoError");
    ClientConfiguration server_as_proxy = v4();
    const std::string endpoint = env("OSS_ENDPOINT");
    server_as_proxy.proxyHost = "127.0.0.1";
    server_as_proxy.proxyPort = static_cast<unsigned>(std::atoi(endpoint.substr(endpoint.rfind(':') + 1).c_str()));
    server_as_proxy.proxyUserName = "user";
    server_as_proxy.proxyPassword = "password";
    CHECK(v4_client(server_as_proxy)->ResumableDownloadObject(DownloadObjectRequest(bucket, "obj", "p.bin")).isSuccess());
    CHECK(read_file("p.bin") == server_copy("obj"));

    /* requestTimeoutMs: an answer that stalls before its first body byte is given up after
     * about a second and retried (the default, 10 s, would take ten times longer). */
    ClientConfiguration quick = v4();
    quick.requestTimeoutMs = 1000;
    auto started = std::chrono::steady_clock::now();
    CHECK(v4_client(quick)->ResumableDownloadObject(DownloadObjectRequest(bucket, "stall", "stall.bin")).isSuccess());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("the stalled download took %.1f s\n", seconds);
    CHECK(seconds < 6.0);
    CHECK(read_file("stall.bin") == server_copy("stall"));
}

static void throwing_handler(size_t, int64_t, int64_t, void *)
{
    throw std::runtime_error("stop here");
}

/* An exception from the progress handler stops the download and comes out of the call; the
 * checkpoint stays, so the next call resumes. */
static void handler_exception()
{
    const std::string bucket = env("OSS_BUCKET");
    auto client = v4_client();
    DownloadObjectRequest request(bucket, "obj", "thrown.bin", "cp", 100 * 1024, 2);
    request.setTransferProgress({throwing_handler, nullptr});
    bool thrown = false;
    try {
        client->ResumableDownloadObject(request);
    } catch (const std::runtime_error &e) {
        thrown = std::string(e.what()) == "stop here";
    }
    CHECK(thrown);
    CHECK(!exists("thrown.bin"));
    CHECK_INT(listing("cp").size(), 1);
    request.setTransferProgress(TransferProgress());
    CHECK(client->ResumableDownloadObject(request).isSuccess());
    CHECK(read_file("thrown.bin") == server_copy("obj"));
    CHECK(listing("cp").empty());
}

int main()
{
    InitializeSdk();
    whole_objects();
    ranges();
    request_options();
    handler_exception();
    ShutdownSdk();
    return TEST_DONE();
}
