// SPDX-License-Identifier: MPL-2.0
// The pseudonymiser against known answers (RFC 4231) and OpenSSL's own HMAC, and the key file:
// refused when others can read it, when it is not a regular file, has the wrong size or a weak
// key, or was planted where a new register's key would be created.
#include "register/pseudonym.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "common/test_directory.hpp"
#include "ombuds/register.hpp"

namespace ombuds::detail {
namespace {

namespace fs = std::filesystem;

std::vector<unsigned char> bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

std::vector<unsigned char> repeated(unsigned char byte, std::size_t count) {
    return std::vector<unsigned char>(count, byte);
}

std::string hmac_hex(const std::vector<unsigned char>& key,
                     const std::vector<unsigned char>& data) {
    Pseudonymiser p(key);
    return to_hex(
        p.pseudonym(std::string_view(reinterpret_cast<const char*>(data.data()), data.size())));
}

// RFC 4231, section 4: the HMAC-SHA-256 test cases 1 to 7 (case 5 is truncated to 128 bits).
TEST(Pseudonymiser, Rfc4231KnownAnswers) {
    EXPECT_EQ(hmac_hex(repeated(0x0b, 20), bytes("Hi There")),
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    EXPECT_EQ(hmac_hex(bytes("Jefe"), bytes("what do ya want for nothing?")),
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    EXPECT_EQ(hmac_hex(repeated(0xaa, 20), repeated(0xdd, 50)),
              "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    std::vector<unsigned char> counting;
    for (unsigned char b = 0x01; b <= 0x19; ++b) counting.push_back(b);
    EXPECT_EQ(hmac_hex(counting, repeated(0xcd, 50)),
              "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
    EXPECT_EQ(hmac_hex(repeated(0x0c, 20), bytes("Test With Truncation")).substr(0, 32),
              "a3b6167473100ee06e0c796c2955552b");
    EXPECT_EQ(hmac_hex(repeated(0xaa, 131),
                       bytes("Test Using Larger Than Block-Size Key - Hash Key First")),
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    EXPECT_EQ(hmac_hex(repeated(0xaa, 131),
                       bytes("This is a test using a larger than block-size key and a larger "
                             "than block-size data. The key needs to be hashed before being "
                             "used by the HMAC algorithm.")),
              "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

/// OpenSSL's own HMAC-SHA-256.
std::string openssl_hmac_hex(const std::vector<unsigned char>& key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    std::size_t length = 0;
    auto* result = EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                             reinterpret_cast<const unsigned char*>(data.data()), data.size(), out,
                             sizeof out, &length);
    EXPECT_NE(result, nullptr);
    return to_hex(std::string_view(reinterpret_cast<const char*>(out), length));
}

// Keys of every length around the block size and messages of every length around it, the
// register's 32-byte keys and citizen keys among them.
TEST(Pseudonymiser, AgreesWithOpenSslHmac) {
    for (std::size_t key_length : {0, 1, 20, 31, 32, 33, 63, 64, 65, 131}) {
        std::vector<unsigned char> key(key_length);
        if (key_length > 0) {
            ASSERT_EQ(RAND_bytes(key.data(), static_cast<int>(key_length)), 1);
        }
        Pseudonymiser p(key);
        for (std::size_t length : {0, 1, 14, 55, 56, 63, 64, 65, 200}) {
            std::string message(length, '\0');
            for (std::size_t i = 0; i < length; ++i) message[i] = static_cast<char>('a' + i % 26);
            EXPECT_EQ(to_hex(p.pseudonym(message)), openssl_hmac_hex(key, message))
                << key_length << " " << length;
        }
        EXPECT_EQ(to_hex(p.pseudonym("cpr:1503454447")), openssl_hmac_hex(key, "cpr:1503454447"));
    }
}

TEST(Pseudonymiser, SameAnswerFromSeveralThreads) {
    Pseudonymiser p(Pseudonymiser::random_key());
    const std::string expected = p.pseudonym("cpr:1503454447");
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            char out[Pseudonymiser::pseudonym_size];
            for (int i = 0; i < 2000; ++i) {
                p.pseudonym("cpr:1503454447", out);
                if (std::string(out, sizeof out) != expected) ++wrong[t];
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

TEST(Pseudonymiser, WeakKeys) {
    using Key = std::array<unsigned char, Pseudonymiser::key_size>;
    Key key{};
    EXPECT_TRUE(Pseudonymiser::is_weak_key(key));  // all zero
    key.fill(0xab);
    EXPECT_TRUE(Pseudonymiser::is_weak_key(key));
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i);
    EXPECT_TRUE(Pseudonymiser::is_weak_key(key));  // counting up
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(250 - 3 * i);
    EXPECT_TRUE(Pseudonymiser::is_weak_key(key));  // counting down, wrapping
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i % 16 * 17);
    EXPECT_TRUE(Pseudonymiser::is_weak_key(key));  // "0123456789abcdef" repeated
    for (int i = 0; i < 1000; ++i)
        EXPECT_FALSE(Pseudonymiser::is_weak_key(Pseudonymiser::random_key()));
}

class KeyFile : public ::testing::Test {
  protected:
    void SetUp() override { dir_ = ombuds::test::make_test_directory("ombuds-key"); }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path write(const std::string& name, const std::string& text, mode_t mode = 0600) {
        auto path = dir_ / name;
        std::ofstream(path, std::ios::binary) << text;
        ::chmod(path.c_str(), mode);
        return path;
    }

    /// The message load_key refuses `path` with; fails the test when it is accepted.
    static std::string refusal(const fs::path& path, Pseudonymiser::KeyFile use) {
        try {
            Pseudonymiser::load_key(path, use);
        } catch (const std::runtime_error& e) {
            std::string message = e.what();
            EXPECT_NE(message.find(path.string()), std::string::npos) << message;
            return message;
        }
        ADD_FAILURE() << "accepted " << path;
        return {};
    }

    static constexpr const char* good =
        "3f9a1c7e55d20b86e4a7c1f09b3d6e2a8c5f4b1d7e0a9c3b6f2d8e5a1c4b7f90";
    fs::path dir_;
};

TEST_F(KeyFile, CreatedPrivateAndExclusivelyThenRead) {
    auto path = dir_ / "r.db.key";
    auto created = Pseudonymiser::load_key(path, Pseudonymiser::KeyFile::create_new);
    struct stat status {};
    ASSERT_EQ(::lstat(path.c_str(), &status), 0);
    EXPECT_TRUE(S_ISREG(status.st_mode));
    EXPECT_EQ(status.st_mode & 0777, 0600u);
    EXPECT_EQ(status.st_size, 65);
    EXPECT_FALSE(Pseudonymiser::is_weak_key(created));
    EXPECT_EQ(Pseudonymiser::load_key(path, Pseudonymiser::KeyFile::existing), created);
    EXPECT_EQ(Pseudonymiser::load_key(path, Pseudonymiser::KeyFile::create_or_read), created);
    // Made for a new register at the default place a second time: this one was not ours.
    auto planted = refusal(path, Pseudonymiser::KeyFile::create_new);
    EXPECT_NE(planted.find("remove it"), std::string::npos) << planted;
    // Named by the host and absent: created.
    auto named = dir_ / "named.key";
    auto made = Pseudonymiser::load_key(named, Pseudonymiser::KeyFile::create_or_read);
    EXPECT_EQ(Pseudonymiser::load_key(named, Pseudonymiser::KeyFile::existing), made);
    EXPECT_NE(made, created);
}

// Several processes creating the same register at once: the first makes the key, and the
// others read it once the register appears beside it.
TEST_F(KeyFile, MadeByAnotherProcessCreatingTheSameRegister) {
    auto path = dir_ / "r.db.key";
    auto created = Pseudonymiser::load_key(path, Pseudonymiser::KeyFile::create_new);
    std::thread other([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        std::ofstream(dir_ / "r.db");
    });
    EXPECT_EQ(Pseudonymiser::load_key(path, Pseudonymiser::KeyFile::create_new), created);
    other.join();
}

TEST_F(KeyFile, RefusedWhenAnotherUserOwnsIt) {
    auto path = write("theirs.key", std::string(good) + "\n");
    if (::geteuid() != 0) GTEST_SKIP() << "only root can give a file away";
    ASSERT_EQ(::chown(path.c_str(), 4242, 4242), 0);
    auto message = refusal(path, Pseudonymiser::KeyFile::existing);
    EXPECT_NE(message.find("another user"), std::string::npos) << message;
}

TEST_F(KeyFile, ReadsWhatAHostWrote) {
    auto expected = Pseudonymiser::load_key(write("a.key", std::string(good) + "\n"),
                                            Pseudonymiser::KeyFile::existing);
    EXPECT_EQ(expected[0], 0x3f);
    EXPECT_EQ(expected[31], 0x90);
    EXPECT_EQ(Pseudonymiser::load_key(write("b.key", good), Pseudonymiser::KeyFile::existing),
              expected);
    EXPECT_EQ(Pseudonymiser::load_key(write("c.key", std::string(good) + "\r\n"),
                                      Pseudonymiser::KeyFile::existing),
              expected);
    std::string upper(good);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(Pseudonymiser::load_key(write("d.key", upper), Pseudonymiser::KeyFile::existing),
              expected);
}

TEST_F(KeyFile, RefusedWhenOthersMayReadOrWriteIt) {
    for (mode_t mode : {0644, 0640, 0604, 0660, 0602, 0666, 0610}) {
        auto path = write("open.key", std::string(good) + "\n", mode);
        auto message = refusal(path, Pseudonymiser::KeyFile::existing);
        EXPECT_NE(message.find("chmod 600"), std::string::npos) << message;
        EXPECT_EQ(message.find("3f9a"), std::string::npos) << message;
        // Also when it was named for a new register.
        refusal(path, Pseudonymiser::KeyFile::create_or_read);
    }
}

TEST_F(KeyFile, RefusedWhenNotARegularFile) {
    auto fifo = dir_ / "fifo.key";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    auto message = refusal(fifo, Pseudonymiser::KeyFile::existing);  // does not wait for a writer
    EXPECT_NE(message.find("not a regular file"), std::string::npos) << message;
    refusal(fifo, Pseudonymiser::KeyFile::create_or_read);
    refusal("/dev/zero", Pseudonymiser::KeyFile::existing);  // never read
    refusal("/dev/null", Pseudonymiser::KeyFile::create_or_read);
    refusal(dir_, Pseudonymiser::KeyFile::existing);
    refusal(dir_ / "missing.key", Pseudonymiser::KeyFile::existing);
}

TEST_F(KeyFile, RefusedWithTheWrongSizeOrContent) {
    for (const std::string& text :
         {std::string(good).substr(0, 62) + "\n", std::string(good) + "00\n",
          std::string(good) + "\n\n\n", std::string(good) + " \n", std::string(200, 'a'),
          std::string(good).replace(10, 1, "g"), std::string(good).replace(0, 1, " ") + "\n",
          std::string("0x") + std::string(good).substr(2)}) {
        auto message = refusal(write("bad.key", text), Pseudonymiser::KeyFile::existing);
        EXPECT_NE(message.find("not an ombuds key file"), std::string::npos) << message;
        EXPECT_EQ(message.find("a7c1f09b"), std::string::npos) << message;
    }
    auto big = dir_ / "big.key";
    fs::resize_file(write("big.key", good), 1 << 30);  // sparse: refused by its size, not read
    refusal(big, Pseudonymiser::KeyFile::existing);
}

TEST_F(KeyFile, RefusedWhenTheKeyIsTriviallyWeak) {
    std::string counting;
    for (int i = 0; i < 32; ++i) counting += to_hex(std::string(1, static_cast<char>(i)));
    std::string pattern;
    for (int i = 0; i < 4; ++i) pattern += "0123456789abcdef";
    for (const std::string& text : {std::string(64, '0'), std::string(64, 'a') + "\n",
                                    std::string(64, 'F'), counting, pattern}) {
        auto message = refusal(write("weak.key", text), Pseudonymiser::KeyFile::existing);
        EXPECT_NE(message.find("weak"), std::string::npos) << message;
    }
}

TEST_F(KeyFile, NeverCreatedThroughALink) {
    auto target = dir_ / "elsewhere";
    auto link = dir_ / "r.db.key";
    fs::create_symlink(target, link);  // dangling: creating through it would make `target`
    refusal(link, Pseudonymiser::KeyFile::create_new);
    EXPECT_FALSE(fs::exists(target));
    fs::create_directory(dir_ / "sub");
    refusal(dir_ / "sub", Pseudonymiser::KeyFile::create_new);
}

TEST_F(KeyFile, ThroughTheRegister) {
    RegisterOptions options;
    // A key planted beside a register that does not exist yet is refused, and nothing is made.
    write("new.db.key", std::string(good) + "\n");
    try {
        Register::open(dir_ / "new.db", options);
        ADD_FAILURE() << "a planted key was adopted";
    } catch (const Error& e) {
        EXPECT_EQ(e.kind(), ErrorKind::io);
        EXPECT_NE(std::string(e.what()).find("new.db.key"), std::string::npos) << e.what();
    }
    EXPECT_FALSE(fs::exists(dir_ / "new.db"));
    // The same key named explicitly is the host's choice.
    options.key_file = dir_ / "new.db.key";
    { auto reg = Register::open(dir_ / "new.db", options); }
    EXPECT_TRUE(fs::exists(dir_ / "new.db"));
    // A register's key that became readable by others stops the register until fixed.
    ::chmod(options.key_file.c_str(), 0644);
    EXPECT_THROW(Register::open(dir_ / "new.db", options), Error);
    ::chmod(options.key_file.c_str(), 0600);
    EXPECT_NO_THROW(Register::open(dir_ / "new.db", options));
}

}  // namespace
}  // namespace ombuds::detail
