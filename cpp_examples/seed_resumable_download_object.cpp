/* The official C++ SDK's resumable-download sample (OSS documentation, "Resumable download (C++ SDK)":
 * https://www.alibabacloud.com/help/en/oss/developer-reference/resumable-download-2),
 * unchanged except for its placeholders: the endpoint of the local OSS server comes from the
 * environment (OSS_ENDPOINT, as tests/c/with_server.sh exports it), the paths are in its work
 * directory (OSS_WORK_DIR), the credentials come from OSS_ACCESS_KEY_ID and
 * OSS_ACCESS_KEY_SECRET as in the original. */
#include <alibabacloud/oss/OssClient.h>
using namespace AlibabaCloud::OSS;
/* Placeholders: from the environment. */
static std::string placeholder(const char *name)
{
    const char *value = getenv(name);
    if (value == NULL) {
        std::cerr << name << " is not set: run this through tests/c/with_server.sh" << std::endl;
        exit(2);
    }
    return value;
}
int main(void)
{
/* Set the endpoint for the region where your bucket is located.
For example, https://oss-cn-hangzhou.aliyuncs.com for China (Hangzhou). */
std::string Endpoint = placeholder("OSS_ENDPOINT");
/* Set the region ID for your bucket.
For example, cn-hangzhou for China (Hangzhou). */
std::string Region = "cn-hangzhou";
/* The name of the bucket. */
std::string BucketName = "test-bucket";
/* The full path of the object in OSS, excluding the bucket name. */
std::string ObjectName = "exampledir/exampleobject.txt";
/* The full local path for the downloaded file.
If the file exists, it is overwritten. If it does not exist, it is created. */
std::string DownloadFilePath = placeholder("OSS_WORK_DIR") + "/examplefile.txt";
/* The directory for the checkpoint file.
This directory must already exist. The checkpoint file records progress and
is deleted automatically after the download completes. */
std::string CheckpointFilePath = placeholder("OSS_WORK_DIR");
/* Initialize network resources. */
InitializeSdk();
ClientConfiguration conf;
conf.signatureVersion = SignatureVersionType::V4;
/* Load credentials from environment variables OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET. */
auto credentialsProvider = std::make_shared<EnvironmentVariableCredentialsProvider>();
OssClient client(Endpoint, credentialsProvider, conf);
client.SetRegion(Region);
/* Perform a resumable download. */
DownloadObjectRequest request(BucketName, ObjectName, DownloadFilePath, CheckpointFilePath);
auto outcome = client.ResumableDownloadObject(request);
if (!outcome.isSuccess()) {
std::cout << "ResumableDownloadObject fail" <<
",code:" << outcome.error().Code() <<
",message:" << outcome.error().Message() <<
",requestId:" << outcome.error().RequestId() << std::endl;
return -1;
}
/* Release network resources. */
ShutdownSdk();
return 0;
}
