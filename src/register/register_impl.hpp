// SPDX-License-Identifier: MPL-2.0
// What a Register holds, shared by the files of the register room: the store, the
// configuration in force, the pseudonymiser (when the key is at hand) and the view the validator
// reads the stored cases through.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ombuds/register.hpp"
#include "register/case_store.hpp"
#include "register/pseudonym.hpp"
#include "register/rowid_runs.hpp"

namespace ombuds {

/// The stored cases as the validator sees them: look-ups in the store, citizens compared by
/// pseudonym.
class StoredView final : public RegisterView {
  public:
    explicit StoredView(Register::Impl& impl) : impl_(impl) {}
    std::optional<StoredCase> find_case(std::string_view case_id) const override;
    std::vector<StoredCase> followups(std::string_view case_id) const override;
    bool has_followups(std::string_view case_id) const override;
    std::size_t orientation_count(std::string_view token, int year,
                                  std::string_view excluding) const override;
    std::string citizen_token(const Citizen& citizen) const override;

  private:
    Register::Impl& impl_;
};

struct Register::Impl {
    std::filesystem::path path;
    std::unique_ptr<store::CaseStore> store;
    RegisterOptions options;
    Configuration config;
    /// The stored configuration's version (meta config_version) this handle holds.
    std::string config_version;
    /// The store's change counter when the configuration was last checked.
    std::optional<std::uint64_t> checked_at;
    /// What the columns' codes and indexes mean under `config` (library version, codes,
    /// configuration). Computed when the configuration is loaded: it builds JSON, whose
    /// destructor may terminate when an allocation fails (nlohmann/json#5135), so no import or
    /// report under memory pressure builds it again.
    std::uint64_t fingerprint = 0;
    std::optional<detail::Pseudonymiser> pseudonyms;  // none: the key file is missing
    std::filesystem::path key_file;
    std::string key_id;  // names the key, stored beside each pseudonym
    bool explicit_transaction = false;
    /// Between begin_many and commit_many: the main cases whose follow-ups take their inquiry
    /// at the commit, once the look-up indexes a large batch drops are back (else each would
    /// read every case).
    bool many = false;
    /// Between begin_many and commit_many: the next citizen and inquiry numbers, kept here and
    /// stored once at commit_many rather than read and written for every new number.
    std::optional<std::pair<std::int64_t, std::int64_t>> many_next_numbers;
    std::vector<std::pair<std::string, std::int64_t>> pending_followup_inquiries;
    StoredView view{*this};
    mutable std::unordered_map<std::string, std::string> pseudonym_cache;

    /// The pseudonym of a citizen (a stored citizen is its own); needs the key for a new one.
    std::string pseudonym(const Citizen& citizen) const;
    /// Throws io when the key is not at hand, saying what needed it (in both languages).
    void require_key(std::string_view purpose_english, std::string_view purpose_danish) const;
    /// Reloads the configuration when another handle or process stored a new one.
    void refresh_config();
    /// Loads the stored configuration and its fingerprint.
    void load_config();
    /// A stored row of a record (pseudonymised and redacted). `pseudonym` is the citizen's.
    store::StoredRow row(const CaseRecord& rec, const std::string& pseudonym) const;
    /// The key id a record's row is stored with: the handle's, or "anonymised" for a citizen
    /// whose pseudonym anonymise replaced.
    std::string_view key_id_of(const CaseRecord& rec) const;

    // --- the register's numbers (numbers.cpp) ---------------------------------------------
    struct Numbers {
        std::optional<std::int64_t> citizen;  // none: anonymous
        std::optional<std::int64_t> inquiry;  // none: a follow-up whose main case comes later
    };
    struct DecodedNumbers {
        CaseRecord record;
        std::string pseudonym;
    };
    /// The numbers a record gets when stored (inside the write).
    Numbers numbers_for(const CaseRecord& rec, const std::string& pseudonym);
    /// The next free citizen or inquiry number (inside the write).
    std::int64_t next_number(bool citizen);
    void set_next_numbers(std::int64_t citizen, std::int64_t inquiry);
    /// The next citizen and inquiry numbers, as next_number() would give them: every number
    /// given lies below. Nullopt when the stored values are unreadable.
    std::optional<std::pair<std::int64_t, std::int64_t>> next_numbers();
    /// Numbers every case that lacks them (inside the write).
    void number_missing();

    /// A write of its own, or a savepoint inside the caller's transaction.
    class Write {
      public:
        explicit Write(Impl& impl) : impl_(impl) { impl_.store->begin_write(); }
        void commit() {
            impl_.store->commit();
            done_ = true;
        }
        ~Write() {
            if (!done_) impl_.store->rollback();
        }
        Write(const Write&) = delete;
        Write& operator=(const Write&) = delete;

      private:
        Impl& impl_;
        bool done_ = false;
    };
};

namespace register_detail {
/// Writes the column snapshot of `columns`, the cases at `rowids` (column_snapshot.cpp).
void write_snapshot(Register::Impl& impl, const CaseColumns& columns, const RowidRuns& rowids);
}  // namespace register_detail

}  // namespace ombuds
