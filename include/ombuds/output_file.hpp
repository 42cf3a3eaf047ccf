// SPDX-License-Identifier: MPL-2.0
// Files written for people (reports, exports, insight exports, rejects files): written
// completely or not at all, readable by their owner only when they hold personal data, never
// through a planted link, and never over the register, its key or the input (domain.md,
// "Privacy"). Needs the compiled library.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ombuds/error.hpp"
#include "ombuds/taxonomy.hpp"

namespace ombuds {

struct OutputFileOptions {
    /// The content holds personal data (a rejects file: the rows as typed; an insight export:
    /// notes): the file is created with mode 0600. Otherwise 0666 less the umask.
    bool personal_data = false;
    /// Files the output must never replace or write into: the register, its key, its -wal,
    /// -shm and -journal, the input file (see register_files). The target is refused when it
    /// is one of them (the same device and inode, through any link or other spelling of its
    /// path) or, for one that does not exist yet, would become it (the same path).
    std::vector<std::filesystem::path> protected_files;
};

/// Why an output file was not written: an Error of kind misuse (a protected file, not a file)
/// or io, whose message (Error::message) names the file, CPR-like parts of the path redacted.
class OutputFileError : public Error {
  public:
    enum class Reason : std::uint8_t {
        protected_file,  // the target is (or would be) a protected file
        not_a_file,      // the target is a directory (or a socket)
        cannot_create,   // no file can be created beside it (no such directory, no permission)
        cannot_write,    // writing, syncing or renaming failed (a full disk, a size limit)
    };

    OutputFileError(Reason reason, std::filesystem::path path, std::string system_error);

    Reason reason() const noexcept { return reason_; }
    const std::filesystem::path& path() const noexcept { return path_; }

  private:
    Reason reason_;
    std::filesystem::path path_;
};

/// Writes `contents` to `target` completely or not at all: into a new file beside it (a random
/// name, created exclusively, never through a link), synced, then renamed over the target, so
/// a reader sees the old file or the new one, never a part; on any failure nothing is left
/// behind and an existing target is unchanged. A target that exists and is not a regular file
/// (a device such as /dev/null or /dev/stdout, a FIFO, a terminal) is written to directly, as
/// renaming over it would replace it. Throws OutputFileError.
void write_output_file(const std::filesystem::path& target, std::string_view contents,
                       const OutputFileOptions& options = {});

/// The files of a register an output must never replace: the database, its -wal, -shm and
/// -journal, and its key file (`key_file`, $OMBUDS_KEY_FILE and the default beside it, as
/// each may be the one in use).
std::vector<std::filesystem::path> register_files(const std::filesystem::path& database,
                                                  const std::filesystem::path& key_file = {});

}  // namespace ombuds
