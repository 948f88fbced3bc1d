// A C++ program outside this source tree that uses the installed header-only facade
// (<alibabacloud/oss/OssClient.h>) over the installed liboss_c_sdk: built with find_package and
// with pkg-config (see run.sh). No server: it checks a refusal that needs none.
#include <alibabacloud/oss/OssClient.h>

using namespace AlibabaCloud::OSS;

int main()
{
    InitializeSdk();
    ClientConfiguration conf;
    OssClient client("oss-cn-hangzhou.aliyuncs.com", "id", "secret", conf);
    DownloadObjectRequest request("bucket", "key", "file.bin");
    request.setPartSize(1024);
    auto outcome = client.ResumableDownloadObject(request);
    ShutdownSdk();
    if (outcome.isSuccess() || outcome.error().Code() != "ValidateError") {
        std::cout << "consumer_cpp: unexpected outcome " << outcome.error().Code() << std::endl;
        return 1;
    }
    std::cout << "consumer_cpp ok" << std::endl;
    return 0;
}
