# Passed to the official SDK's own CMake by bench/run.sh as -DCMAKE_PROJECT_INCLUDE=<this file>
# (CMake includes it right after each project() call), so its source tree builds unmodified.
# Its top-level CMakeLists.txt ends with add_subdirectory(oss_c_sdk_test), a directory that the
# 3.11.2 source we benchmark against does not contain: a missing subdirectory is skipped with a
# message instead of failing the configure step. Everything else is the official build as is.
include_guard(GLOBAL)

function(add_subdirectory dir)
    if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/${dir}/CMakeLists.txt")
        _add_subdirectory(${ARGV})
    else()
        message(STATUS "official SDK: ${dir}/ is not in the source tree; skipped")
    endif()
endfunction()
