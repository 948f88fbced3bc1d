/* Helpers for the C++ facade's tests, which run against the local OSS server started by
 * tests/c/with_server.sh: the environment it exports, its admin API (through the curl CLI),
 * the server's own copy of an object, files and directory listings. The CHECK macros are the C
 * tests' (test_util.h). */
#ifndef OSS_C_SDK_CPP_TEST_UTIL_H
#define OSS_C_SDK_CPP_TEST_UTIL_H

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../c/test_util.h"

/* CHECK_STR for std::string values (copied, so temporaries are fine). */
#define CHECK_STRING(actual, expected) do { \
        std::string test_sa_ = (actual), test_se_ = (expected); \
        test_checks++; \
        if (test_sa_ != test_se_) { \
            test_failures++; \
            std::fprintf(stderr, "%s:%d: CHECK failed: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, \
                         #actual, test_sa_.c_str(), test_se_.c_str()); \
        } \
    } while (0)

inline std::string env(const char *name) {
    const char *v = std::getenv(name);
    if (v == nullptr || *v == '\0') {
        std::fprintf(stderr, "%s is not set: run this test through with_server.sh\n", name);
        std::exit(2);
    }
    return v;
}

/* One admin API call (`method` on /-/admin/`path`); the answer's body. */
inline std::string admin(const std::string &method, const std::string &path) {
    std::string command = "curl -fsS -X " + method + " '" + env("OSS_ADMIN") + "/" + path + "'";
    FILE *p = popen(command.c_str(), "r");
    std::string out;
    if (p == nullptr) return out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
    if (pclose(p) != 0) std::fprintf(stderr, "admin call failed: %s\n", command.c_str());
    return out;
}

/* A number field of the admin API's JSON answer ("requests", "body_bytes"); -1 if absent. */
inline long long json_number(const std::string &json, const std::string &field) {
    std::string::size_type at = json.find("\"" + field + "\":");
    return at == std::string::npos ? -1 : std::atoll(json.c_str() + at + field.size() + 3);
}

inline long long served_bytes(const std::string &key) {
    return json_number(admin("GET", "counters?bucket=" + env("OSS_BUCKET") + "&key=" + key), "body_bytes");
}

inline long long requests_for(const std::string &key) {
    return json_number(admin("GET", "counters?bucket=" + env("OSS_BUCKET") + "&key=" + key), "requests");
}

inline std::string read_file(const std::string &path) {
    std::ifstream in(path.c_str(), std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

inline bool exists(const std::string &path) {
    struct stat st;
    return stat(path.c_str(), &st) == 0;
}

/* The server's copy of an object (its storage root holds objects as plain files). */
inline std::string server_copy(const std::string &key) {
    return read_file(env("OSS_SERVER_ROOT") + "/" + env("OSS_BUCKET") + "/" + key);
}

/* A value from the server's metadata sidecar of an object ("etag", "crc64", "size"...). */
inline std::string server_meta(const std::string &key, const std::string &name) {
    std::istringstream lines(read_file(env("OSS_SERVER_ROOT") + "/.oss-meta/" + env("OSS_BUCKET") + "/" + key));
    std::string line;
    while (std::getline(lines, line)) {
        if (line.compare(0, name.size() + 1, name + " ") == 0) return line.substr(name.size() + 1);
    }
    return std::string();
}

/* The names in a directory, sorted. */
inline std::vector<std::string> listing(const std::string &dir) {
    std::vector<std::string> names;
    DIR *d = opendir(dir.c_str());
    if (d == nullptr) return names;
    while (struct dirent *e = readdir(d)) {
        std::string name = e->d_name;
        if (name != "." && name != "..") names.push_back(name);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    return names;
}

#endif
