/*
 * alibabacloud/oss/utils/Outcome.h -- liboss_c_sdk's C++ facade (header-only; see OssClient.h).
 */
#ifndef OSS_C_SDK_CPP_OUTCOME_H
#define OSS_C_SDK_CPP_OUTCOME_H

#include <utility>

namespace AlibabaCloud
{
namespace OSS
{
    /** Either a result (isSuccess()) or an error, as every operation of the SDK returns. */
    template <typename E, typename R>
    class Outcome
    {
    public:
        Outcome() : success_(true) {}
        Outcome(const E &e) : e_(e), success_(false) {}
        Outcome(E &&e) : e_(std::move(e)), success_(false) {}
        Outcome(const R &r) : r_(r), success_(true) {}
        Outcome(R &&r) : r_(std::move(r)), success_(true) {}

        bool isSuccess() const { return success_; }
        const E &error() const { return e_; }
        E &error() { return e_; }
        const R &result() const { return r_; }
        R &result() { return r_; }

    private:
        E e_;
        R r_;
        bool success_;
    };
}
}

#endif /* OSS_C_SDK_CPP_OUTCOME_H */
