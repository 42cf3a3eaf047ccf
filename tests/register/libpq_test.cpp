// SPDX-License-Identifier: MPL-2.0
// libpq is loaded only when a PostgreSQL register is opened: a program on SQLite registers never
// loads it (this test program does not link it), and a missing libpq is a clear error in both
// languages, not a failure to start.
#include "register/postgresql/libpq.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/test_directory.hpp"
#include "ombuds/error.hpp"
#include "ombuds/register.hpp"

namespace ombuds::store::postgresql {
namespace {

bool libpq_is_loaded() {
    std::ifstream maps("/proc/self/maps");
    std::stringstream text;
    text << maps.rdbuf();
    return text.str().find("/libpq.so") != std::string::npos;
}

TEST(Libpq, LoadedOnlyWhenAPostgresqlRegisterNeedsIt) {
    auto dir = test::make_test_directory("ombuds-libpq");
    {
        auto reg = Register::open(dir / "office.db");
        EXPECT_EQ(reg.case_count(), 0u);
    }
    std::filesystem::remove_all(dir);
    EXPECT_FALSE(libpq_is_loaded());

    const LibPq& api = libpq();
    EXPECT_TRUE(libpq_is_loaded());
    EXPECT_NE(api.connectdb, nullptr);
    EXPECT_NE(api.transactionStatus, nullptr);
    EXPECT_EQ(&libpq(), &api);  // loaded once
}

TEST(Libpq, AMissingLibraryIsAClearErrorInBothLanguages) {
    try {
        load_libpq("libpq-not-installed.so.5");
        FAIL() << "loaded a library that does not exist";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::io);
        const std::string english = e.message(Lang::en), danish = e.message(Lang::da);
        EXPECT_NE(english.find("libpq-not-installed.so.5 cannot be loaded"), std::string::npos)
            << english;
        EXPECT_NE(english.find("libpq5"), std::string::npos) << english;
        EXPECT_NE(danish.find("libpq-not-installed.so.5 kan ikke indlæses"), std::string::npos)
            << danish;
    }
}

}  // namespace
}  // namespace ombuds::store::postgresql
