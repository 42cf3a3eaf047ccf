// SPDX-License-Identifier: MPL-2.0
// A directory of its own for each test that writes registers.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace ombuds::test {

/// An empty directory named by `prefix`, the process and the running test (so parallel test
/// processes never share one); the caller removes it when the test ends.
inline std::filesystem::path make_test_directory(std::string_view prefix) {
    auto dir = std::filesystem::temp_directory_path() /
               (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace ombuds::test
