/* The C++ facade's defaults and refusals: the official checks of DownloadObjectRequest (each a
 * "ValidateError" with the official message, before any request and without touching the disk),
 * and the server's and the C library's refusals as OssError values. Run by with_server.sh with
 * test-bucket/small (300007 bytes). */
#include <alibabacloud/oss/OssClient.h>

#include "cpp_util.h"

using namespace AlibabaCloud::OSS;

static ClientConfiguration v4()
{
    ClientConfiguration conf;
    conf.signatureVersion = SignatureVersionType::V4;
    return conf;
}

static void defaults()
{
    DownloadObjectRequest three("b", "k", "/tmp/f");
    CHECK_INT(three.PartSize(), 8 * 1024 * 1024);
    CHECK_INT(three.ThreadNum(), 3);
    CHECK(!three.hasCheckpointDir() && !three.RangeIsSet());
    CHECK_STRING(three.TempFilePath(), "/tmp/f.tmp");
    DownloadObjectRequest four("b", "k", "/tmp/f", "/tmp");
    CHECK_INT(four.PartSize(), DefaultPartSize);
    CHECK_INT(four.ThreadNum(), 3);
    CHECK(four.hasCheckpointDir());
    CHECK_STRING(four.CheckpointDir(), "/tmp");
    DownloadObjectRequest six("b", "k", "/tmp/f", "", 200 * 1024, 0);
    CHECK_INT(six.ThreadNum(), 1); /* the constructor turns 0 into 1, as the official one does */
    CHECK_INT(six.PartSize(), 200 * 1024);
    CHECK(six.TransferProgress().Handler == nullptr && six.TransferProgress().UserData == nullptr);
    CHECK_INT(six.TrafficLimit(), 0);
    CHECK(six.VersionId().empty());

    ClientConfiguration conf;
    CHECK(conf.signatureVersion == SignatureVersionType::V1);
    CHECK_INT(conf.requestTimeoutMs, 10000);
    CHECK_INT(conf.connectTimeoutMs, 5000);
    CHECK(conf.enableCrc64 && conf.verifySSL && !conf.isCname);
}

/* Each official check, and what it must not have done. */
static void validation()
{
    OssClient client(env("OSS_ENDPOINT"), std::make_shared<EnvironmentVariableCredentialsProvider>(), v4());
    client.SetRegion(env("OSS_REGION"));
    const std::string bucket = env("OSS_BUCKET");
    std::vector<std::string> before = listing(".");
    mkdir("cp", 0700);
    if (FILE *f = std::fopen("not-a-dir", "w")) std::fclose(f);
    before = listing(".");

    struct Case {
        DownloadObjectRequest request;
        const char *message;
    };
    std::vector<Case> cases;
    DownloadObjectRequest small_part(bucket, "small", "out.bin", "cp");
    small_part.setPartSize(100 * 1024 - 1);
    cases.push_back({small_part, "The part size is less than 100KB."});
    DownloadObjectRequest no_threads(bucket, "small", "out.bin");
    no_threads.setThreadNum(0);
    cases.push_back({no_threads, "The thread num is less than 1."});
    const int64_t bad_ranges[][2] = {{-1, 10}, {10, 5}, {0, -2}};
    for (const auto &r : bad_ranges) {
        DownloadObjectRequest ranged(bucket, "small", "out.bin");
        ranged.setRange(r[0], r[1]);
        cases.push_back({ranged, "Invalid range of resumable download"});
    }
    cases.push_back({DownloadObjectRequest(bucket, "small", ""), "The path of file download to is empty"});
    cases.push_back({DownloadObjectRequest(bucket, "small", "no-such-dir/out.bin"), "Open temp file for download failed"});
    cases.push_back({DownloadObjectRequest(bucket, "small", "out.bin", "no-such-dir"), "Checkpoint directory is not exist."});
    cases.push_back({DownloadObjectRequest(bucket, "small", "out.bin", "not-a-dir"), "Checkpoint directory is not exist."});
    for (const Case &c : cases) {
        auto outcome = client.ResumableDownloadObject(c.request);
        CHECK(!outcome.isSuccess());
        CHECK_STRING(outcome.error().Code(), "ValidateError");
        CHECK_STRING(outcome.error().Message(), c.message);
        CHECK(outcome.error().RequestId().empty());
    }
    CHECK_INT(requests_for("small"), 0); /* no request reached the server */
    CHECK(listing(".") == before);       /* nothing was created */
    CHECK(listing("cp").empty());

    /* The limits themselves are accepted: 100 KB parts, an open-ended range. */
    DownloadObjectRequest edge(bucket, "small", "edge.bin", "cp");
    edge.setPartSize(100 * 1024);
    edge.setRange(300000, -1);
    auto outcome = client.ResumableDownloadObject(edge);
    CHECK(outcome.isSuccess());
    CHECK_INT(read_file("edge.bin").size(), 7);
}

/* Refusals that come from the server or the C library, as OssError values. */
static void refusals()
{
    const std::string bucket = env("OSS_BUCKET");
    OssClient v1(env("OSS_ENDPOINT"), env("OSS_ACCESS_KEY_ID"), env("OSS_ACCESS_KEY_SECRET"), ClientConfiguration());

    auto missing = v1.ResumableDownloadObject(DownloadObjectRequest(bucket, "no/such/key", "x.bin"));
    CHECK(!missing.isSuccess());
    CHECK_STRING(missing.error().Code(), "NoSuchKey");
    CHECK(!missing.error().Message().empty());
    CHECK_INT(missing.error().RequestId().size(), 24);

    OssClient wrong(env("OSS_ENDPOINT"), env("OSS_ACCESS_KEY_ID"), "not-the-secret", ClientConfiguration());
    auto denied = wrong.ResumableDownloadObject(DownloadObjectRequest(bucket, "small", "x.bin"));
    CHECK_STRING(denied.error().Code(), "SignatureDoesNotMatch");
    CHECK_INT(denied.error().RequestId().size(), 24);

    /* Credentials objects and STS: a token the server does not expect is refused by it. */
    OssClient sts(env("OSS_ENDPOINT"), Credentials(env("OSS_ACCESS_KEY_ID"), env("OSS_ACCESS_KEY_SECRET"), "token"),
                  ClientConfiguration());
    CHECK_STRING(sts.ResumableDownloadObject(DownloadObjectRequest(bucket, "small", "x.bin")).error().Code(),
                 "InvalidSecurityToken");

    auto bad_bucket = v1.ResumableDownloadObject(DownloadObjectRequest("-Bad", "small", "x.bin"));
    CHECK_STRING(bad_bucket.error().Code(), "BucketNameInvalidError");

    /* V4 needs the region: without SetRegion the C library refuses before any request. */
    OssClient no_region(env("OSS_ENDPOINT"), env("OSS_ACCESS_KEY_ID"), env("OSS_ACCESS_KEY_SECRET"), v4());
    auto unsigned_v4 = no_region.ResumableDownloadObject(DownloadObjectRequest(bucket, "small", "x.bin"));
    CHECK(!unsigned_v4.isSuccess());
    CHECK(unsigned_v4.error().Message().find("region") != std::string::npos);

    /* Credentials from the environment are read at each call. */
    auto provider = std::make_shared<EnvironmentVariableCredentialsProvider>();
    CHECK_STRING(provider->getCredentials().AccessKeyId(), env("OSS_ACCESS_KEY_ID"));
    CHECK(provider->getCredentials().SessionToken().empty());
    setenv("OSS_SESSION_TOKEN", "from-env", 1);
    CHECK_STRING(provider->getCredentials().SessionToken(), "from-env");
    unsetenv("OSS_SESSION_TOKEN");
    CHECK(!exists("x.bin") && !exists("x.bin.tmp"));
}

int main()
{
    InitializeSdk();
    CHECK(IsSdkInitialized());
    defaults();
    validation();
    refusals();
    ShutdownSdk();
    CHECK(!IsSdkInitialized());
    return TEST_DONE();
}
