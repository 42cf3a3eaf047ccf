// SPDX-License-Identifier: MPL-2.0
#include "register/pseudonym.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/rand.h>

namespace ombuds::detail {

namespace {
struct MdCtxFree {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

MdCtx new_ctx() {
    MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx) throw std::bad_alloc();
    return ctx;
}

void check(int ok) {
    if (ok != 1) throw std::runtime_error("OpenSSL SHA-256 failed");
}
}  // namespace

// HMAC (RFC 2104) over SHA-256 with the key's inner and outer pads absorbed once, so each
// pseudonym costs two context copies and two short hashes.
// The working context is per thread, so one Pseudonymiser serves several threads at once (an
// import computes pseudonyms while another thread stores records).
struct Pseudonymiser::State {
    MdCtx inner = new_ctx();
    MdCtx outer = new_ctx();
};

namespace {
EVP_MD_CTX* thread_work_ctx() {
    thread_local MdCtx work = new_ctx();
    return work.get();
}
}  // namespace

Pseudonymiser::Pseudonymiser(const std::array<unsigned char, key_size>& key)
    : state_(std::make_unique<State>()) {
    unsigned char ipad[64], opad[64];
    for (std::size_t i = 0; i < 64; ++i) {
        unsigned char k = i < key.size() ? key[i] : 0;
        ipad[i] = k ^ 0x36;
        opad[i] = k ^ 0x5c;
    }
    check(EVP_DigestInit_ex(state_->inner.get(), EVP_sha256(), nullptr));
    check(EVP_DigestUpdate(state_->inner.get(), ipad, sizeof ipad));
    check(EVP_DigestInit_ex(state_->outer.get(), EVP_sha256(), nullptr));
    check(EVP_DigestUpdate(state_->outer.get(), opad, sizeof opad));
    OPENSSL_cleanse(ipad, sizeof ipad);
    OPENSSL_cleanse(opad, sizeof opad);
}

Pseudonymiser::Pseudonymiser(Pseudonymiser&&) noexcept = default;
Pseudonymiser& Pseudonymiser::operator=(Pseudonymiser&&) noexcept = default;
Pseudonymiser::~Pseudonymiser() = default;

std::string Pseudonymiser::pseudonym(std::string_view citizen_key) const {
    std::string out(pseudonym_size, '\0');
    pseudonym(citizen_key, out.data());
    return out;
}

void Pseudonymiser::pseudonym(std::string_view citizen_key, char* out) const {
    unsigned char inner_hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_MD_CTX* work = thread_work_ctx();
    check(EVP_MD_CTX_copy_ex(work, state_->inner.get()));
    check(EVP_DigestUpdate(work, citizen_key.data(), citizen_key.size()));
    check(EVP_DigestFinal_ex(work, inner_hash, &length));
    check(EVP_MD_CTX_copy_ex(work, state_->outer.get()));
    check(EVP_DigestUpdate(work, inner_hash, length));
    check(EVP_DigestFinal_ex(work, reinterpret_cast<unsigned char*>(out), &length));
    OPENSSL_cleanse(inner_hash, sizeof inner_hash);
}

std::array<unsigned char, Pseudonymiser::key_size> Pseudonymiser::random_key() {
    std::array<unsigned char, key_size> key{};
    if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
        throw std::runtime_error("no random bytes for the pseudonym key");
    }
    return key;
}

std::string to_hex(std::string_view bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) {
        auto b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::array<unsigned char, Pseudonymiser::key_size> Pseudonymiser::load_key(
    const std::filesystem::path& file, bool create) {
    std::array<unsigned char, key_size> key{};
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && create) {
        key = random_key();
        std::string hex =
            to_hex(std::string_view(reinterpret_cast<const char*>(key.data()), key.size())) + "\n";
        int out = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (out >= 0) {
            bool ok = ::write(out, hex.data(), hex.size()) == static_cast<ssize_t>(hex.size()) &&
                      ::fsync(out) == 0;
            ::close(out);
            OPENSSL_cleanse(hex.data(), hex.size());
            if (!ok) throw std::runtime_error(file.string() + ": the key file cannot be written");
            return key;
        }
        if (errno != EEXIST)
            throw std::runtime_error(file.string() + ": the key file cannot be created (" +
                                     std::strerror(errno) + ")");
        fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);  // another process created it first
    }
    if (fd < 0)
        throw std::runtime_error(file.string() + ": the key file cannot be opened (" +
                                 std::strerror(errno) + ")");
    char buffer[130];
    ssize_t length = ::read(fd, buffer, sizeof buffer);
    // Another process may have created the file an instant ago and not yet written it.
    for (int attempt = 0; length == 0 && attempt < 100; ++attempt) {
        ::usleep(10000);
        length = ::pread(fd, buffer, sizeof buffer, 0);
    }
    ::close(fd);
    std::size_t digits = 0;
    auto hex_value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (ssize_t i = 0; i < length; ++i) {
        int v = hex_value(buffer[i]);
        if (v < 0) {
            if (buffer[i] == '\n' || buffer[i] == '\r' || buffer[i] == ' ') continue;
            digits = 0;
            break;
        }
        if (digits >= key_size * 2) {
            digits = 0;
            break;
        }
        key[digits / 2] = static_cast<unsigned char>(key[digits / 2] * 16 + v);
        ++digits;
    }
    OPENSSL_cleanse(buffer, sizeof buffer);
    if (digits != key_size * 2)
        throw std::runtime_error(file.string() + ": not an ombuds key file (64 hex digits)");
    return key;
}

}  // namespace ombuds::detail
