// SPDX-License-Identifier: MPL-2.0
// Output files written whole or not at all (output_file.hpp).
#include "ombuds/output_file.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>

#include "ombuds/detail/text.hpp"

namespace ombuds {

namespace fs = std::filesystem;

namespace {

std::string describe(OutputFileError::Reason reason, const fs::path& path,
                     const std::string& system_error, Lang lang) {
    using Reason = OutputFileError::Reason;
    const bool da = lang == Lang::da;
    std::string text = detail::printable(path.string()) + ": ";
    switch (reason) {
        case Reason::protected_file:
            text += da ? "må ikke overskrives (det er registret, dets nøgle eller journal, eller "
                         "inputfilen); vælg en anden outputfil"
                       : "must not be overwritten (it is the register, its key or journal, or the "
                         "input file); choose another output file";
            break;
        case Reason::not_a_file:
            text +=
                da ? "er ikke en fil, der kan skrives til" : "is not a file that can be written";
            break;
        case Reason::cannot_create:
            text += da ? "kan ikke oprettes" : "cannot be created";
            break;
        case Reason::cannot_write:
            text +=
                da ? "kan ikke skrives; intet er skrevet" : "cannot be written; nothing written";
            break;
    }
    if (!system_error.empty()) text += " (" + detail::printable(system_error) + ")";
    return text;
}

}  // namespace

OutputFileError::OutputFileError(Reason reason, fs::path path, std::string system_error)
    : Error(reason == Reason::protected_file || reason == Reason::not_a_file ? ErrorKind::misuse
                                                                             : ErrorKind::io,
            describe(reason, path, system_error, Lang::en),
            describe(reason, path, system_error, Lang::da)),
      reason_(reason),
      path_(std::move(path)) {}

namespace {

using Reason = OutputFileError::Reason;

[[noreturn]] void fail(Reason reason, const fs::path& target, int error = 0) {
    throw OutputFileError(reason, target, error ? std::strerror(error) : std::string());
}

struct Descriptor {
    int fd = -1;
    ~Descriptor() { close(); }
    int close() {
        int result = fd >= 0 ? ::close(fd) : 0;
        fd = -1;
        return result;
    }
};

std::optional<struct stat> stat_of(const fs::path& path) {
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0) return std::nullopt;
    return status;
}

/// The path with every existing part resolved and the rest made absolute and normal.
fs::path resolved(const fs::path& path) {
    std::error_code ec;
    auto result = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? path.lexically_normal() : result;
}

void refuse_protected(const fs::path& target, const std::vector<fs::path>& protected_files) {
    auto target_status = stat_of(target);
    fs::path target_path = resolved(target);
    for (const auto& file : protected_files) {
        if (file.empty()) continue;
        auto status = stat_of(file);
        bool same = status && target_status ? status->st_dev == target_status->st_dev &&
                                                  status->st_ino == target_status->st_ino
                                            : resolved(file) == target_path;
        if (same) fail(Reason::protected_file, target);
    }
}

/// Writes all of `contents`, or returns the error.
int write_all(int fd, std::string_view contents) {
    while (!contents.empty()) {
        ssize_t written = ::write(fd, contents.data(), contents.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        if (written == 0) return EIO;
        contents.remove_prefix(static_cast<std::size_t>(written));
    }
    return 0;
}

/// A name no one can guess, so no link can be planted at it in advance (creating it
/// exclusively refuses one anyway).
std::string random_suffix() {
    std::array<unsigned char, 8> bytes{};
    if (::getrandom(bytes.data(), bytes.size(), 0) != static_cast<ssize_t>(bytes.size())) {
        std::random_device device;
        for (auto& byte : bytes) byte = static_cast<unsigned char>(device());
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string suffix;
    for (auto byte : bytes) {
        suffix += hex[byte >> 4];
        suffix += hex[byte & 15];
    }
    return suffix;
}

void write_directly(const fs::path& target, std::string_view contents) {
    Descriptor out{::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC)};
    if (out.fd < 0) fail(Reason::cannot_write, target, errno);
    if (int error = write_all(out.fd, contents)) fail(Reason::cannot_write, target, error);
    if (out.close() != 0) fail(Reason::cannot_write, target, errno);
}

}  // namespace

void write_output_file(const fs::path& target, std::string_view contents,
                       const OutputFileOptions& options) {
    if (target.empty() || !target.has_filename()) fail(Reason::not_a_file, target);
    refuse_protected(target, options.protected_files);
    // A device, a FIFO or a terminal (reached through a link too, as /dev/stdout is) is written
    // to as it is: renaming a finished file over it would replace it with a plain file.
    if (auto status = stat_of(target)) {
        if (S_ISDIR(status->st_mode) || S_ISSOCK(status->st_mode)) fail(Reason::not_a_file, target);
        if (!S_ISREG(status->st_mode)) return write_directly(target, contents);
    }

    fs::path directory = target.parent_path();
    if (directory.empty()) directory = ".";
    const mode_t mode = options.personal_data ? 0600 : 0666;
    fs::path temporary;
    Descriptor out;
    for (int attempt = 0; out.fd < 0; ++attempt) {
        // Beside the target, so the rename stays on one filesystem; short enough for any name.
        std::string name = target.filename().string().substr(0, 200);
        temporary = directory / ("." + name + "." + random_suffix() + ".tmp");
        out.fd =
            ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (out.fd < 0 && (errno != EEXIST || attempt == 10))
            fail(Reason::cannot_create, target, errno);
    }
    // From here on, the temporary file goes on every way out but the rename.
    int error = 0;
    // The umask can only take permissions away; personal data is its owner's, exactly.
    if (options.personal_data && ::fchmod(out.fd, 0600) != 0) error = errno;
    if (!error) error = write_all(out.fd, contents);
    if (!error && ::fsync(out.fd) != 0) error = errno;
    if (out.close() != 0 && !error) error = errno;
    if (!error && ::rename(temporary.c_str(), target.c_str()) != 0) error = errno;
    if (error) {
        ::unlink(temporary.c_str());
        fail(Reason::cannot_write, target, error);
    }
    // The file is whole either way; syncing the directory makes the rename durable now.
    Descriptor dir{::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir.fd >= 0) ::fsync(dir.fd);
}

std::vector<fs::path> register_files(const fs::path& database, const fs::path& key_file) {
    std::vector<fs::path> files;
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".key"})
        files.emplace_back(database.string() + suffix);
    if (!key_file.empty()) files.push_back(key_file);
    if (const char* from_environment = std::getenv("OMBUDS_KEY_FILE");
        from_environment && *from_environment)
        files.emplace_back(from_environment);
    return files;
}

}  // namespace ombuds
