// SPDX-License-Identifier: MPL-2.0
// Keyed pseudonyms of citizens (domain.md, "Privacy"): HMAC-SHA-256 of the citizen's key with
// a secret held outside the database. The clear value goes in; only the pseudonym comes out.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace ombuds::detail {

class Pseudonymiser {
  public:
    static constexpr std::size_t key_size = 32;
    static constexpr std::size_t pseudonym_size = 32;

    /// HMAC-SHA-256 (RFC 2104) with this key. A register's key is key_size random bytes; any
    /// length works (one longer than SHA-256's 64-byte block is hashed first).
    explicit Pseudonymiser(std::span<const unsigned char> key);
    Pseudonymiser(Pseudonymiser&&) noexcept;
    Pseudonymiser& operator=(Pseudonymiser&&) noexcept;
    ~Pseudonymiser();

    /// The pseudonym of a citizen key ("cpr:...", "cvr:...", "ref:..."): 32 raw bytes.
    /// Safe to call from several threads at once.
    std::string pseudonym(std::string_view citizen_key) const;
    /// The same written to `out` (pseudonym_size bytes), without an allocation.
    void pseudonym(std::string_view citizen_key, char* out) const;

    /// A fresh random key.
    static std::array<unsigned char, key_size> random_key();

    /// What load_key may do with a key file (key_file.cpp).
    enum class KeyFile : std::uint8_t {
        /// An existing register's key: the file must exist.
        existing,
        /// A new register's key at a place the host named: read it, or create it when absent.
        create_or_read,
        /// A new register's key at the default place (the register's path + ".key"): created.
        /// A file already there is refused as planted, unless the register itself appears
        /// within a few seconds (another process created both at the same moment).
        create_new,
    };
    /// Reads a key file: 64 hex digits and an optional line break, in a regular file of this
    /// process's user that only they can read and write, holding a key that is not trivially weak
    /// (one byte pattern repeated, or bytes counting up or down). Creates it (exclusively, mode
    /// 0600, never through a link, synced with its directory) as `use` allows. Throws
    /// std::runtime_error naming the file, never its content.
    static std::array<unsigned char, key_size> load_key(const std::filesystem::path& file,
                                                        KeyFile use);
    /// Whether a key is trivially weak: it repeats a pattern of 16 bytes or fewer (all bytes
    /// equal among them) or its bytes count up or down by a fixed step.
    static bool is_weak_key(std::span<const unsigned char> key) noexcept;

  private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Lower-case hex of bytes.
std::string to_hex(std::string_view bytes);

}  // namespace ombuds::detail
