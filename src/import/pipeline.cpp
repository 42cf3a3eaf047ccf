// SPDX-License-Identifier: MPL-2.0
// read -> plan -> store, for every entrance.
#include <cstdint>
#include <exception>
#include <optional>
#include <thread>

#include "import/background_store.hpp"
#include "import/plan.hpp"

namespace ombuds {
namespace {

constexpr std::size_t progress_every = 16384;
/// Worth a second thread only for a large file.
constexpr std::uintmax_t read_while_storing_from = 1u << 20;

const char* operation_of(const ImportOptions& options) {
    switch (options.mode) {
        case WriteMode::replace:
            return "import_replace";
        case WriteMode::update:
            return "import_update";
        case WriteMode::insert:
            break;
    }
    return "import";
}

CaseFile read_file(const std::filesystem::path& path, const Configuration& config,
                   const ReadOptions& options) {
    return read_case_file(path, config, options);
}

/// A large file into an empty register: stored on a second thread while it is read, in one
/// transaction. nullopt when that does not apply (the usual way is taken then).
std::optional<ImportResult> import_while_reading(Register& reg, const std::filesystem::path& path,
                                                 const ImportOptions& options) {
    std::error_code ec;
    auto bytes = std::filesystem::file_size(path, ec);
    if (ec || bytes < read_while_storing_from || options.skip_invalid || options.dry_run ||
        options.mode != WriteMode::insert || reg.in_transaction())
        return std::nullopt;
    // Read before the load: from here on only the storing thread uses the register.
    const Configuration config = reg.config();
    const auto today = reg.fixed_today();
    auto load = reg.bulk_load(static_cast<std::size_t>(bytes));
    if (!load) return std::nullopt;
    CaseFile file;  // outlives the storing thread, however reading ends
    std::optional<import_detail::BackgroundStore> stored_while_read(std::in_place, *load);
    ReadOptions read = options.read;
    read.on_records = [&](const CaseRecord* first, std::size_t count) {
        stored_while_read->publish(first, count);
        if (options.progress) options.progress(stored_while_read->stored(), 0);
    };
    // The file is read in pieces while it is stored; when it must be read again whole, what
    // was stored of it is rolled back and its storing starts again.
    read.on_restart = [&] {
        stored_while_read.reset();
        load.reset();
        load = reg.bulk_load(static_cast<std::size_t>(bytes));
        if (!load) {
            throw Error(ErrorKind::busy,
                        "another program wrote to the register while the import began; import "
                        "the file again",
                        "et andet program skrev i registret, mens importen begyndte; importér "
                        "filen igen");
        }
        stored_while_read.emplace(*load);
    };
    read_case_file(path, config, read, file);
    // Meanwhile the records are stored. The register was empty, so they are checked against
    // nothing stored, on a thread of their own while the last rows are stored and the indexes
    // built; whatever is refused rolls the whole load back.
    std::optional<import_detail::Plan> plan;
    std::exception_ptr plan_failure;
    std::jthread checking([&] {
        try {
            plan = import_detail::plan_import(file, EmptyRegisterView(), config, options, today);
        } catch (...) {
            plan_failure = std::current_exception();
        }
    });
    std::exception_ptr storing_failure;
    try {
        stored_while_read->finish();
        if (auto failure = stored_while_read->failure()) std::rethrow_exception(failure);
        if (stored_while_read->stored() != file.records.size()) {
            throw Error(ErrorKind::io, "import stored " +
                                           std::to_string(stored_while_read->stored()) + " of " +
                                           std::to_string(file.records.size()) + " records");
        }
        load->finish_storing(file.records);
    } catch (...) {
        storing_failure = std::current_exception();
    }
    checking.join();
    if (plan_failure) std::rethrow_exception(plan_failure);
    if (options.progress) options.progress(stored_while_read->stored(), file.records.size());
    // Refused records explain a failed index build (one id twice): the refusal is the answer.
    if (!plan->result.storable) return std::move(plan->result);
    if (storing_failure) std::rethrow_exception(storing_failure);
    load->commit(file.records, operation_of(options));
    plan->result.imported = file.records.size();
    if (options.progress) options.progress(plan->result.imported, file.records.size());
    return std::move(plan->result);
}

}  // namespace

ImportResult import_cases(Register& reg, const CaseFile& file, const ImportOptions& options) {
    const std::size_t n = file.records.size();
    // Planned inside the write transaction, so what is validated is what is stored.
    reg.begin_many(n);
    struct Rollback {
        Register& reg;
        bool armed = true;
        ~Rollback() {
            if (armed) reg.rollback_many();
        }
    } rollback{reg};
    const auto& config = reg.config();
    const bool empty = reg.case_count() == 0;
    // Into an empty register there is nothing to look up.
    EmptyRegisterView nothing;
    const RegisterView& stored = empty ? static_cast<const RegisterView&>(nothing) : reg.view();
    auto plan = import_detail::plan_import(file, stored, config, options, reg.fixed_today());
    auto& result = plan.result;
    if (!result.storable || options.dry_run) return std::move(result);
    const std::size_t to_store = n - result.refused;
    const WriteMode mode = options.mode == WriteMode::update ? WriteMode::replace : options.mode;
    for (std::size_t i = 0; i < n; ++i) {
        if (result.refused_records[i]) continue;
        reg.store_validated(plan.record(file, i), mode);
        ++result.imported;
        if (options.progress && result.imported % progress_every == 0)
            options.progress(result.imported, to_store);
    }
    reg.commit_many(operation_of(options), result.imported);
    rollback.armed = false;
    if (options.progress) options.progress(result.imported, to_store);
    return std::move(result);
}

ImportResult import_file(Register& reg, const std::filesystem::path& path,
                         const ImportOptions& options) {
    if (auto result = import_while_reading(reg, path, options)) return std::move(*result);
    ReadOptions read = options.read;
    read.changes_only = read.changes_only || options.mode == WriteMode::update;
    CaseFile file = read_file(path, reg.config(), read);
    return import_cases(reg, file, options);
}

ImportResult check_cases(const CaseFile& file, const Configuration& config,
                         const ImportOptions& options) {
    return import_detail::plan_import(file, EmptyRegisterView(), config, options, std::nullopt)
        .result;
}

ImportResult check_file(const std::filesystem::path& path, const Configuration& config,
                        const ImportOptions& options) {
    ReadOptions read = options.read;
    read.changes_only = read.changes_only || options.mode == WriteMode::update;
    return check_cases(read_file(path, config, read), config, options);
}

}  // namespace ombuds
