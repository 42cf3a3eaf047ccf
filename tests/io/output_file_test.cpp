// SPDX-License-Identifier: MPL-2.0
// Output files: whole or nothing, private when personal, never through a planted link, never
// over the register, its key, journal or input, devices and FIFOs written to directly.
#include "ombuds/output_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <thread>

namespace ombuds {
namespace {

namespace fs = std::filesystem;

class OutputFile : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() /
               ("ombuds-output-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    static std::string read(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    static void write(const fs::path& path, const std::string& text) {
        std::ofstream(path, std::ios::binary) << text;
    }
    static mode_t mode_of(const fs::path& path) {
        struct stat status {};
        EXPECT_EQ(::lstat(path.c_str(), &status), 0) << path;
        return status.st_mode & 07777;
    }
    /// Every name in the directory.
    std::vector<std::string> names() const {
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator(dir_))
            found.push_back(entry.path().filename().string());
        std::sort(found.begin(), found.end());
        return found;
    }
    OutputFileError::Reason refusal(const fs::path& target, const OutputFileOptions& options) {
        try {
            write_output_file(target, "new", options);
        } catch (const OutputFileError& e) {
            EXPECT_EQ(e.path(), target);
            EXPECT_NE(std::string(e.what()).find(target.filename().string()), std::string::npos)
                << e.what();
            return e.reason();
        }
        ADD_FAILURE() << "written: " << target;
        return OutputFileError::Reason::not_a_file;
    }

    fs::path dir_;
};

TEST_F(OutputFile, WrittenWholeAndReplacingTheOld) {
    auto target = dir_ / "report.html";
    write_output_file(target, "first");
    EXPECT_EQ(read(target), "first");
    write_output_file(target, std::string(1 << 20, 'x'));
    EXPECT_EQ(read(target).size(), 1u << 20);
    write_output_file(target, "");
    EXPECT_EQ(read(target), "");
    EXPECT_EQ(names(), std::vector<std::string>{"report.html"});  // no temporary file left
    // A relative path, in the working directory.
    auto here = fs::current_path();
    fs::current_path(dir_);
    write_output_file("plain.csv", "a;b\n");
    fs::current_path(here);
    EXPECT_EQ(read(dir_ / "plain.csv"), "a;b\n");
}

TEST_F(OutputFile, PersonalDataIsTheOwnersOnly) {
    mode_t old_umask = ::umask(0);
    OutputFileOptions personal;
    personal.personal_data = true;
    write_output_file(dir_ / "rejects.csv", "211062-5629;...\n", personal);
    write_output_file(dir_ / "open.csv", "x", {});
    ::umask(022);
    write_output_file(dir_ / "report.csv", "x", {});
    // Replacing a file that others could read: the new one is private.
    write(dir_ / "insight.jsonl", "old");
    fs::permissions(dir_ / "insight.jsonl", fs::perms::all);
    write_output_file(dir_ / "insight.jsonl", "{}", personal);
    ::umask(old_umask);
    EXPECT_EQ(mode_of(dir_ / "rejects.csv"), 0600u);
    EXPECT_EQ(mode_of(dir_ / "insight.jsonl"), 0600u);
    EXPECT_EQ(mode_of(dir_ / "open.csv"), 0666u);
    EXPECT_EQ(mode_of(dir_ / "report.csv"), 0644u);
}

// A link planted at the target (or at the name the old code used for its temporary file)
// is replaced, never followed: the file it points to is untouched.
TEST_F(OutputFile, NeverWritesThroughAPlantedLink) {
    auto victim = dir_ / "victim.txt";
    write(victim, "precious");
    fs::create_symlink(victim, dir_ / "report.html.tmp");
    fs::create_symlink(victim, dir_ / "out.html");
    write_output_file(dir_ / "report.html", "report");
    write_output_file(dir_ / "out.html", "other");
    EXPECT_EQ(read(victim), "precious");
    EXPECT_EQ(read(dir_ / "report.html"), "report");
    EXPECT_FALSE(fs::is_symlink(dir_ / "out.html"));
    EXPECT_EQ(read(dir_ / "out.html"), "other");
}

TEST_F(OutputFile, RefusesTheRegisterItsKeyJournalAndInput) {
    auto db = dir_ / "reg.db";
    write(db, "SQLite format 3");
    write(dir_ / "reg.db.key", "key");
    write(dir_ / "reg.db-wal", "wal");
    auto input = dir_ / "cases.csv";
    write(input, "rows");
    OutputFileOptions options;
    options.protected_files = register_files(db);
    options.protected_files.push_back(input);
    fs::create_directory(dir_ / "sub");
    fs::create_hard_link(db, dir_ / "hard-link.db");
    fs::create_symlink(db, dir_ / "soft-link.db");
    fs::create_symlink("../reg.db.key", dir_ / "sub" / "key-link");
    for (const fs::path& target :
         {db, dir_ / "reg.db.key", dir_ / "reg.db-wal", input, dir_ / "sub" / ".." / "reg.db",
          dir_ / "." / "cases.csv", dir_ / "hard-link.db", dir_ / "soft-link.db",
          dir_ / "sub" / "key-link",
          // Not there yet, but would become the register's journal or shared memory.
          dir_ / "reg.db-journal", dir_ / "sub" / ".." / "reg.db-shm"}) {
        EXPECT_EQ(refusal(target, options), OutputFileError::Reason::protected_file) << target;
    }
    EXPECT_EQ(read(db), "SQLite format 3");
    EXPECT_EQ(read(dir_ / "reg.db.key"), "key");
    EXPECT_EQ(read(input), "rows");
    EXPECT_FALSE(fs::exists(dir_ / "reg.db-journal"));
    // A relative spelling of the register from its own directory.
    auto here = fs::current_path();
    fs::current_path(dir_);
    EXPECT_EQ(refusal("reg.db", options), OutputFileError::Reason::protected_file);
    fs::current_path(here);
    // Other files beside them are fine.
    EXPECT_NO_THROW(write_output_file(dir_ / "reg.db.html", "report", options));
    // A key file named elsewhere.
    options.protected_files = register_files(db, dir_ / "sub" / "own.key");
    EXPECT_EQ(refusal(dir_ / "sub" / "own.key", options), OutputFileError::Reason::protected_file);
}

TEST_F(OutputFile, MessagesInDanishAndEnglish) {
    OutputFileOptions options;
    options.protected_files = {dir_ / "reg.db"};
    try {
        write_output_file(dir_ / "reg.db", "x", options);
        FAIL() << "written";
    } catch (const OutputFileError& e) {
        EXPECT_NE(e.message(Lang::da).find("må ikke overskrives"), std::string::npos);
        EXPECT_NE(e.message(Lang::en).find("must not be overwritten"), std::string::npos);
        EXPECT_EQ(e.message(Lang::en), e.what());
    }
    // A CPR number in the file name is not repeated.
    try {
        write_output_file(dir_ / "none" / "klage_211062-5629.csv", "x");
        FAIL() << "written";
    } catch (const OutputFileError& e) {
        EXPECT_EQ(e.reason(), OutputFileError::Reason::cannot_create);
        EXPECT_EQ(std::string(e.what()).find("5629"), std::string::npos) << e.what();
        EXPECT_EQ(e.message(Lang::da).find("5629"), std::string::npos);
    }
}

TEST_F(OutputFile, DevicesAndFifosAreWrittenDirectly) {
    EXPECT_NO_THROW(write_output_file("/dev/null", "nothing"));
    struct stat status {};
    ASSERT_EQ(::stat("/dev/null", &status), 0);
    EXPECT_TRUE(S_ISCHR(status.st_mode));
    auto fifo = dir_ / "pipe";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string received;
    std::thread reader([&] { received = read(fifo); });
    write_output_file(fifo, "through the pipe");
    reader.join();
    EXPECT_EQ(received, "through the pipe");
    EXPECT_EQ(names(), std::vector<std::string>{"pipe"});
}

TEST_F(OutputFile, DirectoriesAndMissingPlacesAreRefused) {
    EXPECT_EQ(refusal(dir_, {}), OutputFileError::Reason::not_a_file);
    EXPECT_EQ(refusal(dir_ / "no" / "such" / "report.html", {}),
              OutputFileError::Reason::cannot_create);
    EXPECT_EQ(refusal("", {}), OutputFileError::Reason::not_a_file);
    EXPECT_FALSE(fs::exists(dir_ / "no"));
}

// A full disk, injected as a file size limit: the write fails part way, and neither a
// temporary file nor a part of the content is left; an old file stays as it was.
TEST_F(OutputFile, AFailedWriteLeavesNothing) {
    auto target = dir_ / "insight.jsonl";
    write(target, "old content");
    rlimit old_limit{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);  // EFBIG instead of the signal
    rlimit small = old_limit;
    small.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    OutputFileOptions personal;
    personal.personal_data = true;
    std::string contents(100000, 'n');
    OutputFileError::Reason reason = OutputFileError::Reason::not_a_file;
    std::string message;
    try {
        write_output_file(target, contents, personal);
    } catch (const OutputFileError& e) {
        reason = e.reason();
        message = e.message(Lang::da);
    }
    try {
        write_output_file(dir_ / "new.jsonl", contents, personal);
    } catch (const OutputFileError&) {
    }
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    EXPECT_EQ(reason, OutputFileError::Reason::cannot_write);
    EXPECT_NE(message.find("intet er skrevet"), std::string::npos) << message;
    EXPECT_EQ(read(target), "old content");
    EXPECT_EQ(names(), std::vector<std::string>{"insight.jsonl"});
}

}  // namespace
}  // namespace ombuds
