/* The TLS fields of ClientConfiguration against the local server over HTTPS (run by
 * with_server.sh --tls: OSS_ENDPOINT is https://127.0.0.1:PORT, its certificate is signed by a
 * throw-away CA whose PEM is OSS_CA_FILE, test-bucket/obj holds 300007 bytes): by default the
 * certificate is refused, caFile (or caPath) makes it trusted, verifySSL = false skips the
 * check. */
#include <unistd.h>

#include <alibabacloud/oss/OssClient.h>

#include "cpp_util.h"

using namespace AlibabaCloud::OSS;

static GetObjectOutcome download(const ClientConfiguration &conf, const std::string &file)
{
    OssClient client(env("OSS_ENDPOINT"), env("OSS_ACCESS_KEY_ID"), env("OSS_ACCESS_KEY_SECRET"), conf);
    return client.ResumableDownloadObject(DownloadObjectRequest(env("OSS_BUCKET"), "obj", file, ".", 100 * 1024, 2));
}

int main()
{
    InitializeSdk();
    CHECK(env("OSS_ENDPOINT").compare(0, 8, "https://") == 0);

    auto refused = download(ClientConfiguration(), "refused.bin");
    CHECK(!refused.isSuccess());
    CHECK_STRING(refused.error().Code(), "HttpIoError");
    CHECK(refused.error().Message().find("certificate") != std::string::npos);
    CHECK(!exists("refused.bin") && !exists("refused.bin.tmp"));

    ClientConfiguration with_ca;
    with_ca.caFile = env("OSS_CA_FILE");
    CHECK(download(with_ca, "ca.bin").isSuccess());
    CHECK(read_file("ca.bin") == server_copy("obj"));

    /* A CA directory: the PEM under its OpenSSL subject-hash name. */
    mkdir("cadir", 0700);
    std::string hash;
    if (FILE *p = popen(("openssl x509 -noout -hash -in '" + env("OSS_CA_FILE") + "'").c_str(), "r")) {
        char buf[64] = {0};
        if (std::fgets(buf, sizeof(buf), p) != nullptr) hash = std::string(buf).substr(0, 8);
        pclose(p);
    }
    CHECK_INT(hash.size(), 8);
    CHECK_INT(symlink(env("OSS_CA_FILE").c_str(), ("cadir/" + hash + ".0").c_str()), 0);
    ClientConfiguration with_ca_dir;
    with_ca_dir.caPath = "cadir";
    CHECK(download(with_ca_dir, "cadir.bin").isSuccess());

    ClientConfiguration unverified;
    unverified.verifySSL = false;
    CHECK(download(unverified, "unverified.bin").isSuccess());
    CHECK(read_file("unverified.bin") == server_copy("obj"));
    CHECK(listing(".") == std::vector<std::string>({"ca.bin", "cadir", "cadir.bin", "unverified.bin"}));

    ShutdownSdk();
    return TEST_DONE();
}
