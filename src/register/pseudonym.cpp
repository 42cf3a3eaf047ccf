// SPDX-License-Identifier: MPL-2.0
#include "register/pseudonym.hpp"

#include <new>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "ombuds/error.hpp"

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
    if (ok != 1)
        throw Error(ErrorKind::io, "OpenSSL's SHA-256 failed", "OpenSSL's SHA-256 fejlede");
}
}  // namespace

// HMAC (RFC 2104) over SHA-256 with the key's inner and outer pads absorbed once, so each
// pseudonym costs two context copies and two short hashes. OpenSSL's own HMAC (EVP_MAC) needs
// a context duplicated per call to be shared by threads, which costs about two and a half
// times as much; this one is held to RFC 4231's known answers and to EVP_MAC in the tests.
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

Pseudonymiser::Pseudonymiser(std::span<const unsigned char> key)
    : state_(std::make_unique<State>()) {
    constexpr std::size_t block = 64;  // SHA-256's block size
    unsigned char hashed[EVP_MAX_MD_SIZE];
    if (key.size() > block) {
        unsigned int length = 0;
        check(EVP_Digest(key.data(), key.size(), hashed, &length, EVP_sha256(), nullptr));
        key = std::span<const unsigned char>(hashed, length);
    }
    unsigned char ipad[block], opad[block];
    for (std::size_t i = 0; i < block; ++i) {
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
    OPENSSL_cleanse(hashed, sizeof hashed);
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
        throw Error(ErrorKind::io, "the system gave no random bytes for the pseudonym key",
                    "systemet gav ingen tilfældige bytes til pseudonymnøglen");
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

}  // namespace ombuds::detail
