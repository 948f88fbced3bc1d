/*
 * alibabacloud/oss/OssFwd.h -- liboss_c_sdk's C++ facade (header-only; see OssClient.h).
 *
 * The outcome types of the operations the facade provides.
 */
#ifndef OSS_C_SDK_CPP_OSS_FWD_H
#define OSS_C_SDK_CPP_OSS_FWD_H

#include <iostream>
#include <memory>

#include "OssError.h"
#include "Types.h"
#include "model/GetObjectResult.h"
#include "model/ObjectMetaData.h"
#include "utils/Outcome.h"

namespace AlibabaCloud
{
namespace OSS
{
    using GetObjectOutcome = Outcome<OssError, GetObjectResult>;
    using ObjectMetaDataOutcome = Outcome<OssError, ObjectMetaData>;
}
}

#endif /* OSS_C_SDK_CPP_OSS_FWD_H */
