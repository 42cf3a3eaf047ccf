// SPDX-License-Identifier: MPL-2.0
// Keyed pseudonyms of citizens (domain.md, "Privacy"): HMAC-SHA-256 of the citizen's key with
// a secret held outside the database. The clear value goes in; only the pseudonym comes out.
#pragma once

#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace ombuds::detail {

class Pseudonymiser {
  public:
    static constexpr std::size_t key_size = 32;
    static constexpr std::size_t pseudonym_size = 32;

    explicit Pseudonymiser(const std::array<unsigned char, key_size>& key);
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
    /// Reads a key file (64 hex digits); creates it with mode 0600 when `create` and absent.
    /// Throws std::runtime_error naming the file on failure.
    static std::array<unsigned char, key_size> load_key(const std::filesystem::path& file,
                                                        bool create);

  private:
    struct State;
    std::unique_ptr<State> state_;
};

/// Lower-case hex of bytes.
std::string to_hex(std::string_view bytes);

}  // namespace ombuds::detail
