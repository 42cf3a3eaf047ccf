// SPDX-License-Identifier: MPL-2.0
// The pseudonym key file (Pseudonymiser::load_key): read only from a private regular file,
// created only exclusively. A key that others could read, or that someone planted, lets them
// reverse every pseudonym by trying the few million possible CPR numbers.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <openssl/crypto.h>

#include "ombuds/detail/text.hpp"
#include "ombuds/error.hpp"
#include "register/pseudonym.hpp"

namespace ombuds::detail {

namespace {

using Key = std::array<unsigned char, Pseudonymiser::key_size>;

// 64 hex digits, then "\n", "\r\n" or nothing.
constexpr std::size_t hex_digits = Pseudonymiser::key_size * 2;
constexpr std::size_t longest_file = hex_digits + 2;

/// A refused key file: an I/O error naming the file, in English and Danish.
[[noreturn]] void refuse(const std::filesystem::path& file, const std::string& english,
                         const std::string& danish) {
    const std::string shown = shown_location(file.string());
    throw Error(ErrorKind::io, shown + ": " + english, shown + ": " + danish);
}

std::string system_error(int error) {
    return std::string(" (") + std::strerror(error) + ")";
}

/// A refusal for a failed system call, with the system's reason (`error`: errno at the call).
[[noreturn]] void refuse_system(const std::filesystem::path& file, const char* english,
                                const char* danish, int error = errno) {
    const std::string why = system_error(error);
    refuse(file, english + why, danish + why);
}

/// Closes a descriptor on every path out.
struct Descriptor {
    int fd = -1;
    ~Descriptor() {
        if (fd >= 0) ::close(fd);
    }
};

std::string mode_text(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

Key parse_key(const std::filesystem::path& file, const char* text, std::size_t size) {
    auto hex_value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    std::string_view rest(text + std::min(size, hex_digits), size - std::min(size, hex_digits));
    bool well_formed = size >= hex_digits && (rest.empty() || rest == "\n" || rest == "\r\n");
    Key key{};
    for (std::size_t i = 0; well_formed && i < hex_digits; ++i) {
        int value = hex_value(text[i]);
        if (value < 0) well_formed = false;
        key[i / 2] = static_cast<unsigned char>(key[i / 2] * 16 + std::max(value, 0));
    }
    if (!well_formed) {
        OPENSSL_cleanse(key.data(), key.size());
        refuse(file, "not an ombuds key file (64 hex digits and a line break)",
               "ikke en ombuds-nøglefil (64 hexadecimale cifre og et linjeskift)");
    }
    return key;
}

/// Opens an existing key file and reads it, refusing what is not a private regular file of
/// the right size. Never blocks: a FIFO or a device is refused before anything is read.
Key read_key(const std::filesystem::path& file) {
    Descriptor in{::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)};
    if (in.fd < 0)
        refuse_system(file, "the key file cannot be opened", "nøglefilen kan ikke åbnes");
    struct stat status {};
    if (::fstat(in.fd, &status) != 0)
        refuse_system(file, "the key file cannot be read", "nøglefilen kan ikke læses");
    if (!S_ISREG(status.st_mode))
        refuse(file, "the key file is not a regular file", "nøglefilen er ikke en almindelig fil");
    if (status.st_uid != ::geteuid())
        refuse(file, "the key file belongs to another user; a key must be its register's owner's",
               "nøglefilen tilhører en anden bruger; en nøgle skal tilhøre registrets ejer");
    if ((status.st_mode & 077) != 0) {
        refuse(file,
               "the key file can be read or changed by other users (mode " +
                   mode_text(status.st_mode) + "); allow its owner only: chmod 600 " +
                   shown_location(file.string()),
               "nøglefilen kan læses eller ændres af andre brugere (tilstand " +
                   mode_text(status.st_mode) + "); giv kun ejeren adgang: chmod 600 " +
                   shown_location(file.string()));
    }
    // A key file another process created an instant ago may not be written yet.
    for (int attempt = 0; status.st_size == 0 && attempt < 100; ++attempt) {
        ::usleep(10000);
        if (::fstat(in.fd, &status) != 0)
            refuse_system(file, "the key file cannot be read", "nøglefilen kan ikke læses");
    }
    if (status.st_size < static_cast<off_t>(hex_digits) ||
        status.st_size > static_cast<off_t>(longest_file)) {
        refuse(file,
               "not an ombuds key file (64 hex digits and a line break; this file has " +
                   std::to_string(status.st_size) + " bytes)",
               "ikke en ombuds-nøglefil (64 hexadecimale cifre og et linjeskift; denne fil har " +
                   std::to_string(status.st_size) + " byte)");
    }
    char buffer[longest_file + 1];
    std::size_t size = 0;
    while (size < sizeof buffer) {
        ssize_t got = ::read(in.fd, buffer + size, sizeof buffer - size);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            OPENSSL_cleanse(buffer, sizeof buffer);
            refuse_system(file, "the key file cannot be read", "nøglefilen kan ikke læses");
        }
        if (got == 0) break;
        size += static_cast<std::size_t>(got);
    }
    try {
        Key key = parse_key(file, buffer, size);
        OPENSSL_cleanse(buffer, sizeof buffer);
        if (Pseudonymiser::is_weak_key(key)) {
            OPENSSL_cleanse(key.data(), key.size());
            refuse(file,
                   "the key is trivially weak (a repeated or counting byte pattern), so the "
                   "pseudonyms made with it can be reversed; use a random key (a new register "
                   "makes one)",
                   "nøglen er triviel (et gentaget eller tællende bytemønster), så pseudonymerne "
                   "kan regnes tilbage; brug en tilfældig nøgle (et nyt register laver en)");
        }
        return key;
    } catch (...) {
        OPENSSL_cleanse(buffer, sizeof buffer);
        throw;
    }
}

void sync_directory(const std::filesystem::path& file) {
    auto directory = file.parent_path();
    if (directory.empty()) directory = ".";
    Descriptor dir{::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
    if (dir.fd < 0 || ::fsync(dir.fd) != 0)
        refuse_system(file, "the key file's directory cannot be synced",
                      "nøglefilens mappe kan ikke synkroniseres");
}

/// Creates the key file exclusively; false when a file (or a link) already has its name.
bool create_key(const std::filesystem::path& file, Key& key) {
    Descriptor out{
        ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600)};
    if (out.fd < 0) {
        if (errno == EEXIST) return false;
        refuse_system(file, "the key file cannot be created", "nøglefilen kan ikke oprettes");
    }
    key = Pseudonymiser::random_key();
    std::string hex =
        to_hex(std::string_view(reinterpret_cast<const char*>(key.data()), key.size())) + "\n";
    std::size_t written = 0;
    int error = 0;
    while (written < hex.size() && error == 0) {
        ssize_t n = ::write(out.fd, hex.data() + written, hex.size() - written);
        if (n < 0 && errno != EINTR) error = errno;
        if (n > 0) written += static_cast<std::size_t>(n);
    }
    OPENSSL_cleanse(hex.data(), hex.size());
    // The mode asked for is cut by the umask only: make sure of it.
    if (error == 0 && ::fchmod(out.fd, 0600) != 0) error = errno;
    if (error == 0 && ::fsync(out.fd) != 0) error = errno;
    if (error != 0) {
        OPENSSL_cleanse(key.data(), key.size());
        ::unlink(file.c_str());  // half a key must not be found by the next attempt
        refuse_system(file, "the key file cannot be written", "nøglefilen kan ikke skrives", error);
    }
    sync_directory(file);
    return true;
}

/// Whether the register whose key is at its default place `file` (the register's path +
/// ".key") comes into being within a few seconds: another process creating the same register
/// at the same moment made the key an instant ago, and creates the register next. A key with
/// no register coming was planted.
bool register_appears(const std::filesystem::path& file) {
    auto register_file = file;
    register_file.replace_extension();
    for (int waited_ms = 0; waited_ms < 3000; waited_ms += 10) {
        struct stat status {};
        if (::lstat(register_file.c_str(), &status) == 0) return true;
        ::usleep(10000);
    }
    return false;
}

}  // namespace

bool Pseudonymiser::is_weak_key(std::span<const unsigned char> key) noexcept {
    if (key.empty()) return true;
    constexpr std::size_t longest_pattern = 16;
    for (std::size_t period = 1; period <= longest_pattern && period < key.size(); ++period) {
        bool repeats = true;
        for (std::size_t i = period; i < key.size() && repeats; ++i)
            repeats = key[i] == key[i - period];
        if (repeats) return true;
    }
    bool counts = key.size() > 2;
    for (std::size_t i = 2; i < key.size() && counts; ++i)
        counts = static_cast<unsigned char>(key[i] - key[i - 1]) ==
                 static_cast<unsigned char>(key[1] - key[0]);
    return counts;
}

std::array<unsigned char, Pseudonymiser::key_size> Pseudonymiser::load_key(
    const std::filesystem::path& file, KeyFile use) {
    if (use != KeyFile::existing) {
        Key key{};
        if (create_key(file, key)) return key;
        if (use == KeyFile::create_new && !register_appears(file)) {
            refuse(file,
                   "a key file is already there, and a new register never adopts a key it did not "
                   "make (someone who planted it could reverse the pseudonyms); remove it, or "
                   "name it as the key file if it is yours",
                   "der ligger allerede en nøglefil, og et nyt register tager aldrig en nøgle i "
                   "brug, som det ikke selv har lavet (den, der lagde den, kunne regne "
                   "pseudonymerne tilbage); fjern den, eller angiv den som nøglefil, hvis den er "
                   "jeres");
        }
        // create_or_read: another process may have created it first; read it as it is.
    }
    return read_key(file);
}

}  // namespace ombuds::detail
