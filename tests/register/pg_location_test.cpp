// SPDX-License-Identifier: MPL-2.0
// A PostgreSQL register's location: the schema option taken out before libpq sees the URI, and
// the password never shown, in location() or in any message, however the URI spells it.
#include "register/postgresql/pg_location.hpp"

#include <gtest/gtest.h>

#include <string>

#include "common/test_directory.hpp"
#include "ombuds/error.hpp"
#include "ombuds/register.hpp"

namespace ombuds::store::postgresql {
namespace {

TEST(PostgresqlLocation, SchemaIsOursAndTheRestIsLibpqs) {
    auto plain = parse_location("postgresql://db.example/register");
    EXPECT_EQ(plain.schema, "ombuds");
    EXPECT_EQ(plain.conninfo, "postgresql://db.example/register");
    EXPECT_EQ(plain.shown, "postgresql://db.example/register");

    auto office = parse_location(
        "postgres://aarhus@db.example:5433/journal?sslmode=verify-full&schema=aarhus&"
        "connect_timeout=5");
    EXPECT_EQ(office.schema, "aarhus");
    EXPECT_EQ(office.conninfo,
              "postgres://aarhus@db.example:5433/journal?sslmode=verify-full&connect_timeout=5");
    EXPECT_EQ(office.shown,
              "postgres://aarhus@db.example:5433/journal?sslmode=verify-full&connect_timeout=5&"
              "schema=aarhus");
    EXPECT_TRUE(office.password.empty());

    auto socket = parse_location("postgresql:///journal?host=/run/postgresql&schema=k_101");
    EXPECT_EQ(socket.schema, "k_101");
    EXPECT_EQ(socket.conninfo, "postgresql:///journal?host=/run/postgresql");
}

TEST(PostgresqlLocation, ThePasswordIsNeverShown) {
    auto in_user_info = parse_location("postgresql://aarhus:S%40cret-1@db.example/journal");
    EXPECT_EQ(in_user_info.password, "S@cret-1");
    EXPECT_EQ(in_user_info.conninfo, "postgresql://aarhus:S%40cret-1@db.example/journal");
    EXPECT_EQ(in_user_info.shown, "postgresql://aarhus@db.example/journal");
    EXPECT_EQ(without_password("FATAL: S@cret-1 and S%40cret-1", in_user_info),
              "FATAL: *** and ***");

    auto in_query = parse_location("postgresql://db.example/journal?password=hemmelig&schema=x");
    EXPECT_EQ(in_query.password, "hemmelig");
    EXPECT_EQ(in_query.conninfo, "postgresql://db.example/journal?password=hemmelig");
    EXPECT_EQ(in_query.shown, "postgresql://db.example/journal?schema=x");
}

TEST(PostgresqlLocation, ABadSchemaNameIsRefused) {
    for (const char* bad : {"Aarhus", "1st", "pg_catalog", "a-b", "a;drop", ""}) {
        try {
            parse_location(std::string("postgresql://db.example/j?schema=") + bad);
            ADD_FAILURE() << "accepted " << bad;
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::misuse) << bad;
        }
    }
}

TEST(PostgresqlLocation, AServerThatCannotBeReachedIsAnIoErrorWithoutThePassword) {
    auto dir = test::make_test_directory("ombuds-pg-location-test");
    RegisterOptions options;
    options.key_file = dir / "r.key";
    // Port 1 on the loopback: refused at once, with libpq's message quoting host and port.
    const std::string secret = "Hemmelig-Adgang-7";
    for (const std::string& uri :
         {"postgresql://office:" + secret + "@127.0.0.1:1/journal?connect_timeout=3",
          "postgresql://office@127.0.0.1:1/journal?password=" + secret + "&connect_timeout=3"}) {
        try {
            Register::open(uri, options);
            ADD_FAILURE() << "connected to port 1";
        } catch (const Error& e) {
            EXPECT_EQ(e.kind(), ErrorKind::io);
            for (auto lang : {Lang::en, Lang::da}) {
                auto message = e.message(lang);
                EXPECT_EQ(message.find(secret), std::string::npos) << message;
                EXPECT_NE(message.find("postgresql://office@127.0.0.1:1/journal"),
                          std::string::npos)
                    << message;
            }
            EXPECT_NE(e.message(Lang::da).find("kan ikke forbinde"), std::string::npos);
        }
    }
    // Without a key file a register on a server is still looked for (reports need no key):
    // here the server cannot be reached, and the password is not shown either.
    try {
        Register::open("postgresql://office:" + secret + "@127.0.0.1:1/journal", {});
        ADD_FAILURE() << "connected to port 1";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::io);
        EXPECT_EQ(std::string(e.what()).find(secret), std::string::npos);
        EXPECT_EQ(e.message(Lang::da).find(secret), std::string::npos);
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ombuds::store::postgresql
