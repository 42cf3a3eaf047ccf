// SPDX-License-Identifier: MPL-2.0
// What the io room's tests share: the default configuration, the workbooks make_workbooks.py
// wrote, a private folder per test, and running a helper program.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"

namespace ombuds::test {

inline const Configuration& config() {
    static const Configuration c = load_configuration();
    return c;
}

inline std::filesystem::path workbook(const std::string& name) {
    return std::filesystem::path(OMBUDS_TEST_WORKBOOKS) / name;
}

inline bool has_issue(const CaseFile& file, Rule rule, std::size_t line) {
    return std::any_of(file.issues.begin(), file.issues.end(), [&](const FileIssue& i) {
        return i.violation.rule == rule && i.line == line;
    });
}

inline bool has_hint(const CaseFile& file, Hint hint) {
    return std::any_of(file.issues.begin(), file.issues.end(),
                       [&](const FileIssue& i) { return i.violation.hint == hint; });
}

inline std::string read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

/// A folder of its own for one test, removed after it.
class Folder {
  public:
    Folder() {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = std::filesystem::temp_directory_path() /
                ("ombuds-io-" + std::string(info->test_suite_name()) + "-" + info->name() + "-" +
                 std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~Folder() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

  private:
    std::filesystem::path path_;
};

/// Runs a command line; its exit status.
inline int run(const std::string& command) {
    int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

inline std::string shell_quoted(const std::string& text) {
    return "'" + text + "'";
}

}  // namespace ombuds::test
