/* Resume from a checkpoint directory with the C++ facade: two downloads of a throttled object
 * sharing one checkpoint directory are stopped part-way by OssClient::DisableRequest (which
 * cancels them through aos_http_controller_cancel); each leaves its own checkpoint file there;
 * after EnableRequest each resumes and the server's byte counter shows that only the missing
 * parts were fetched. Then the same for a range. Run by with_server.sh with test-bucket/slow
 * (8 MiB, throttled to 4 MB/s by a fault). */
#include <alibabacloud/oss/OssClient.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "cpp_util.h"

using namespace AlibabaCloud::OSS;

static const int64_t Size = 8 * 1024 * 1024;
static const uint64_t Part = 256 * 1024;

static void count_progress(size_t, int64_t transferred, int64_t, void *userData)
{
    static_cast<std::atomic<int64_t> *>(userData)->store(transferred);
}

/* Bytes recorded as done in a checkpoint journal: its "P <index> <len> ..." lines. */
static int64_t recorded_bytes(const std::string &path)
{
    std::istringstream lines(read_file(path));
    std::string line;
    int64_t total = 0;
    while (std::getline(lines, line)) {
        if (line.compare(0, 2, "P ") == 0) {
            std::istringstream fields(line.substr(2));
            int64_t index = 0, len = 0;
            fields >> index >> len;
            total += len;
        }
    }
    return total;
}

/* Waits (bounded) until the server has no transfer of `key` in flight, then zeroes its counters:
 * bytes a cancelled transfer was still writing are not counted as the next run's. */
static void reset_counters_after_cancel()
{
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    admin("DELETE", "counters");
}

static bool wait_for(const std::atomic<int64_t> &value, int64_t at_least)
{
    for (int i = 0; i < 600; i++) {
        if (value.load() >= at_least) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

static void two_downloads_one_directory()
{
    const std::string bucket = env("OSS_BUCKET");
    const std::string reference = server_copy("slow");
    mkdir("cp", 0700);
    ClientConfiguration conf;
    conf.signatureVersion = SignatureVersionType::V4;
    OssClient client(env("OSS_ENDPOINT"), std::make_shared<EnvironmentVariableCredentialsProvider>(), conf);
    client.SetRegion(env("OSS_REGION"));

    DownloadObjectRequest a(bucket, "slow", "a.bin", "cp", Part, 2);
    DownloadObjectRequest b(bucket, "slow", "b.bin", "cp", Part, 2);
    std::atomic<int64_t> a_done(0), b_done(0);
    a.setTransferProgress({count_progress, &a_done});
    b.setTransferProgress({count_progress, &b_done});
    GetObjectOutcome a_outcome, b_outcome;
    std::thread ta([&] { a_outcome = client.ResumableDownloadObject(a); });
    std::thread tb([&] { b_outcome = client.ResumableDownloadObject(b); });
    CHECK(wait_for(a_done, 1 << 20) && wait_for(b_done, 1 << 20));
    client.DisableRequest();
    ta.join();
    tb.join();
    CHECK(!a_outcome.isSuccess() && !b_outcome.isSuccess());
    CHECK_STRING(a_outcome.error().Code(), "ClientError:100002");
    CHECK_STRING(b_outcome.error().Message(), "Disable all requests by upper.");
    CHECK(!exists("a.bin") && !exists("b.bin") && exists("a.bin.tmp") && exists("b.bin.tmp"));
    std::vector<std::string> journals = listing("cp");
    CHECK_INT(journals.size(), 2); /* one checkpoint file per download, side by side */
    for (const std::string &name : journals) {
        CHECK(name.compare(0, 13, "oss-download-") == 0);
    }

    /* Disabled: refused at once, nothing sent. */
    reset_counters_after_cancel();
    CHECK_STRING(client.ResumableDownloadObject(a).error().Code(), "ClientError:100002");
    CHECK_INT(requests_for("slow"), 0);

    /* Enabled again, without the throttle: each resumes from its own checkpoint. */
    client.EnableRequest();
    admin("DELETE", "faults");
    int64_t recorded = 0;
    for (const std::string &name : journals) recorded += recorded_bytes("cp/" + name);
    CHECK(recorded >= 2 * (1 << 20) - 4 * static_cast<int64_t>(Part));
    a.setTransferProgress(TransferProgress());
    b.setTransferProgress(TransferProgress());
    CHECK(client.ResumableDownloadObject(a).isSuccess());
    CHECK(client.ResumableDownloadObject(b).isSuccess());
    CHECK(read_file("a.bin") == reference && read_file("b.bin") == reference);
    CHECK_INT(served_bytes("slow"), 2 * Size - recorded); /* exactly the missing parts */
    CHECK(listing("cp").empty());
    CHECK(!exists("a.bin.tmp") && !exists("b.bin.tmp"));
}

static void a_range_resumes()
{
    const std::string bucket = env("OSS_BUCKET");
    const std::string reference = server_copy("slow");
    admin("POST", "faults?kind=throttle&bytes_per_sec=4000000&bucket=" + bucket + "&key=slow");
    OssClient client(env("OSS_ENDPOINT"), env("OSS_ACCESS_KEY_ID"), env("OSS_ACCESS_KEY_SECRET"), ClientConfiguration());
    const int64_t first = 1000000, last = 7000000;

    DownloadObjectRequest request(bucket, "slow", "r.bin", "cp", Part, 2);
    request.setRange(first, last);
    std::atomic<int64_t> done(0);
    request.setTransferProgress({count_progress, &done});
    GetObjectOutcome outcome;
    std::thread t([&] { outcome = client.ResumableDownloadObject(request); });
    CHECK(wait_for(done, 1 << 20));
    client.DisableRequest();
    t.join();
    CHECK_STRING(outcome.error().Code(), "ClientError:100002");
    std::vector<std::string> journals = listing("cp");
    CHECK_INT(journals.size(), 1);
    int64_t recorded = journals.empty() ? 0 : recorded_bytes("cp/" + journals[0]);
    CHECK(recorded > 0);

    client.EnableRequest();
    admin("DELETE", "faults");
    reset_counters_after_cancel();
    request.setTransferProgress(TransferProgress());
    auto resumed = client.ResumableDownloadObject(request);
    CHECK(resumed.isSuccess());
    CHECK(read_file("r.bin") == reference.substr(first, last - first + 1));
    CHECK_INT(resumed.result().Metadata().ContentLength(), last - first + 1);
    CHECK_INT(served_bytes("slow"), (last - first + 1) - recorded);
    CHECK(listing("cp").empty());
}

int main()
{
    InitializeSdk();
    two_downloads_one_directory();
    a_range_resumes();
    ShutdownSdk();
    return TEST_DONE();
}
