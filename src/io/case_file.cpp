// SPDX-License-Identifier: MPL-2.0
// Reading a case file: the file opened safely (a regular file, not too large), its kind found
// by its content (an Excel workbook, an old .xls, text), then the reader for that kind.
#include "ombuds/case_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <utility>

#include "ombuds/detail/invisible.hpp"
#include "record_builder.hpp"
#include "text_reader.hpp"
#include "xlsx_reader.hpp"

namespace ombuds {
namespace {

std::string english(InputError::Reason reason, const std::string& path, std::uint64_t limit) {
    switch (reason) {
        case InputError::Reason::cannot_open:
            return path + ": cannot be opened";
        case InputError::Reason::cannot_read:
            return path + ": cannot be read";
        case InputError::Reason::directory:
            return path + ": is a directory";
        case InputError::Reason::not_regular_file:
            return path + ": is not a regular file (a pipe or a device); give a file";
        case InputError::Reason::too_large:
            return path + ": is larger than " + std::to_string(limit >> 20) +
                   " MB; split it into several files";
        case InputError::Reason::other:
            break;
    }
    return path;
}

std::string danish(InputError::Reason reason, const std::string& path, std::uint64_t limit) {
    switch (reason) {
        case InputError::Reason::cannot_open:
            return path + ": kan ikke åbnes";
        case InputError::Reason::cannot_read:
            return path + ": kan ikke læses";
        case InputError::Reason::directory:
            return path + ": er en mappe";
        case InputError::Reason::not_regular_file:
            return path + ": er ikke en almindelig fil (men et rør eller en enhed); angiv en fil";
        case InputError::Reason::too_large:
            return path + ": er større end " + std::to_string(limit >> 20) +
                   " MB; del den i flere filer";
        case InputError::Reason::other:
            break;
    }
    return path;
}

enum class Content { text, workbook, old_workbook };

Content content_of(std::string_view bytes) {
    if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06"))
        return Content::workbook;
    if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return Content::old_workbook;
    return Content::text;
}

FileFormat format_of(std::string_view name, std::string_view bytes, const ReadOptions& options) {
    if (options.format) return *options.format;
    if (content_of(bytes) != Content::text) return FileFormat::xlsx;
    auto ends_with = [&](std::string_view suffix) {
        return name.size() >= suffix.size() &&
               detail::equals_folded(name.substr(name.size() - suffix.size()), suffix);
    };
    return ends_with(".jsonl") || ends_with(".ndjson") ? FileFormat::jsonl : FileFormat::csv;
}

void read_bytes_into(std::string_view bytes, std::string_view name, const Configuration& config,
                     const ReadOptions& options, CaseFile& file) {
    file = CaseFile{};
    file.name = std::string(name);
    file.format = format_of(name, bytes, options);
    io::RecordBuilder builder(file, config, options);
    if (file.format == FileFormat::xlsx) {
        if (content_of(bytes) == Content::old_workbook) {
            builder.file_issue(0, Rule::file_format, Field::case_id, Hint::old_workbook);
            file.unreadable = true;
        } else {
            io::read_workbook(bytes, builder);
        }
    } else if (!options.sheet.empty()) {
        builder.file_issue(0, Rule::file_format, Field::case_id, Hint::sheet_not_workbook,
                           detail::shown_value(options.sheet));
        file.unreadable = true;
    } else if (content_of(bytes) == Content::old_workbook) {
        builder.file_issue(0, Rule::file_format, Field::case_id, Hint::old_workbook);
        file.unreadable = true;
    } else {
        io::read_text(bytes, builder);
    }
    builder.publish();
}

/// Closes a file descriptor when it goes out of scope.
struct Descriptor {
    int fd;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

/// A regular file opened for reading, refused when it is something else or too large. Opened
/// without blocking, so a FIFO with no writer cannot hang the open; checked on the open
/// descriptor, so the file checked is the file read.
std::uint64_t open_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes,
                                Descriptor& file) {
    file.fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (file.fd < 0) {
        throw InputError(
            errno == EISDIR ? InputError::Reason::directory : InputError::Reason::cannot_open,
            path);
    }
    struct stat status {};
    if (::fstat(file.fd, &status) != 0) throw InputError(InputError::Reason::cannot_read, path);
    if (S_ISDIR(status.st_mode)) throw InputError(InputError::Reason::directory, path);
    if (!S_ISREG(status.st_mode)) throw InputError(InputError::Reason::not_regular_file, path);
    auto size = static_cast<std::uint64_t>(status.st_size);
    if (size > max_bytes) throw InputError(InputError::Reason::too_large, path, max_bytes);
    return size;
}

/// Reads what there is, up to `room` bytes; 0 at the end of the file.
std::size_t read_available(const Descriptor& file, const std::filesystem::path& path, char* into,
                           std::size_t room) {
    for (;;) {
        ssize_t got = ::read(file.fd, into, room);
        if (got >= 0) return static_cast<std::size_t>(got);
        if (errno != EINTR) throw InputError(InputError::Reason::cannot_read, path);
    }
}

/// The whole of a regular file (open_regular_file()).
std::string read_regular_file(const std::filesystem::path& path, std::uint64_t max_bytes) {
    Descriptor file{-1};
    const auto size = open_regular_file(path, max_bytes, file);
    std::string bytes(static_cast<std::size_t>(size), '\0');
    std::size_t done = 0;
    auto read_some = [&](char* into, std::size_t room) {
        return read_available(file, path, into, room);
    };
    while (done < bytes.size()) {
        std::size_t got = read_some(bytes.data() + done, bytes.size() - done);
        if (got == 0) break;
        done += got;
    }
    // A file that grew while it was read is read on, up to the limit: in pieces, so the common
    // case (nothing more) costs one small read, not a copy of the whole file.
    char more[1 << 16];
    for (std::size_t got; done == bytes.size() && (got = read_some(more, sizeof more)) > 0;) {
        if (bytes.size() + got > max_bytes)
            throw InputError(InputError::Reason::too_large, path, max_bytes);
        bytes.append(more, got);
        done = bytes.size();
    }
    bytes.resize(done);
    return bytes;
}

/// Files from this size are read in pieces when their records are handed over as they come:
/// the first are stored before the rest is read.
constexpr std::uint64_t pieces_from = 8u << 20;
constexpr std::size_t piece_size = 4u << 20;

/// A large CSV file read in pieces while its records are parsed and handed over
/// (ReadOptions::on_records).
io::PiecesRead read_in_pieces(const std::filesystem::path& path, const Configuration& config,
                              const ReadOptions& options, CaseFile& file) {
    Descriptor descriptor{-1};
    const auto size = open_regular_file(path, options.limits.max_file_bytes, descriptor);
    if (size < pieces_from || options.keep_cells || !options.sheet.empty())
        return io::PiecesRead::unsuitable;
    // The record begun and the next piece: a buffer of a few pieces, not the whole file (its
    // records own their values). Not zeroed: the file fills it.
    std::size_t capacity = 2 * piece_size;
    std::unique_ptr<char[]> buffer(new char[capacity]);
    std::size_t offset = 0;  // where the buffer starts in the file
    std::size_t held = 0;    // bytes in the buffer
    auto read_piece = [&](std::size_t keep_from) -> std::optional<io::Piece> {
        if (keep_from < offset || keep_from > offset + held) return std::nullopt;
        const std::size_t kept = offset + held - keep_from;
        if (kept + piece_size > capacity) {  // a record longer than a piece
            capacity = kept + 2 * piece_size;
            std::unique_ptr<char[]> larger(new char[capacity]);
            std::memcpy(larger.get(), buffer.get() + (keep_from - offset), kept);
            buffer = std::move(larger);
        } else if (kept > 0 && keep_from != offset) {
            std::memmove(buffer.get(), buffer.get() + (keep_from - offset), kept);
        }
        offset = keep_from;
        held = kept;
        const std::size_t until = std::min<std::size_t>(size - offset, held + piece_size);
        auto piece = [&](bool last) { return io::Piece{{buffer.get(), held}, offset, last}; };
        while (held < until) {
            std::size_t got = read_available(descriptor, path, buffer.get() + held, until - held);
            if (got == 0) return piece(true);  // it shrank
            held += got;
        }
        if (offset + held < size) return piece(false);
        char probe;
        if (read_available(descriptor, path, &probe, 1) > 0) return std::nullopt;  // it grew
        return piece(true);
    };
    auto first = read_piece(0);
    if (!first) return io::PiecesRead::unsuitable;
    file = CaseFile{};
    file.name = path.string();
    file.format = format_of(file.name, first->text, options);
    if (file.format != FileFormat::csv || content_of(first->text) != Content::text)
        return io::PiecesRead::unsuitable;
    io::RecordBuilder builder(file, config, options);
    auto outcome =
        io::read_csv_in_pieces(*first, static_cast<std::size_t>(size), read_piece, builder);
    if (outcome == io::PiecesRead::read) builder.publish();
    return outcome;
}

}  // namespace

InputError::InputError(Reason reason, const std::filesystem::path& path, std::uint64_t limit)
    : Error(ErrorKind::io, english(reason, detail::printable(path.string()), limit),
            danish(reason, detail::printable(path.string()), limit)),
      reason_(reason) {}

CaseFile read_case_text(std::string_view bytes, std::string_view name, const Configuration& config,
                        const ReadOptions& options) {
    CaseFile file;
    read_bytes_into(bytes, name, config, options, file);
    return file;
}

CaseFile read_case_file(const std::filesystem::path& path, const Configuration& config,
                        const ReadOptions& options) {
    CaseFile file;
    read_case_file(path, config, options, file);
    return file;
}

void read_case_file(const std::filesystem::path& path, const Configuration& config,
                    const ReadOptions& options, CaseFile& file) {
    if (options.on_records && options.on_restart) {
        auto outcome = read_in_pieces(path, config, options, file);
        if (outcome == io::PiecesRead::read) return;
        if (outcome == io::PiecesRead::abandoned) options.on_restart();
    }
    std::string bytes = read_regular_file(path, options.limits.max_file_bytes);
    read_bytes_into(bytes, path.string(), config, options, file);
}

std::vector<FileIssue> file_issues(const CaseFile& file,
                                   std::vector<std::vector<Violation>> validation) {
    std::vector<FileIssue> issues = file.issues;
    std::set<std::pair<std::size_t, Field>> unreadable;
    for (const auto& issue : file.issues) {
        if (issue.line > 0 && issue.record < file.records.size() && issue.violation.is_error() &&
            issue.violation.rule != Rule::file_format)
            unreadable.emplace(issue.record, issue.violation.field);
    }
    for (std::size_t i = 0; i < validation.size() && i < file.records.size(); ++i) {
        for (auto& violation : validation[i]) {
            if (unreadable.contains({i, violation.field})) continue;
            issues.push_back(FileIssue{file.lines[i], i, std::move(violation), {}});
        }
    }
    std::stable_sort(issues.begin(), issues.end(),
                     [](const FileIssue& a, const FileIssue& b) { return a.line < b.line; });
    return issues;
}

}  // namespace ombuds
