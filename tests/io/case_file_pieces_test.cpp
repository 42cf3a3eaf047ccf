// SPDX-License-Identifier: MPL-2.0
// A large CSV file read in pieces while its records are handed over (ReadOptions::on_restart):
// the same file as read whole, whatever falls across a piece's end, and read again whole when
// its rest is not what its start promised.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "ombuds/case_file.hpp"
#include "ombuds/config_io.hpp"

namespace ombuds {
namespace {

const Configuration& config() {
    static const Configuration c = load_configuration();
    return c;
}

/// A CSV file of about `bytes` (CRLF, quoted notes over several lines, Danish letters that a
/// piece's end may split, and a bad date now and then); `long_rows` first rows with long notes.
std::string large_csv(std::size_t bytes, std::size_t long_rows = 0) {
    std::string text = "case_id;kind;role;received;action;theme;citizen;note\r\n";
    for (std::size_t i = 0; text.size() < bytes; ++i) {
        text += "K" + std::to_string(i) + ";complaint;main;";
        text += i % 1000 == 7 ? "2024-02-30" : "2024-01-02";
        text += ";complaint_dialogue;no_reply;ref:" + std::to_string(i % 5000) + ";";
        if (i < long_rows) {
            text += std::string(2000, 'x');
        } else if (i % 3 == 0) {
            text += "\"Borgeren skrev: \"\"øæå\"\"\r\nog ventede; længe\"";
        } else {
            text += "Svar på høring";
        }
        text += "\r\n";
    }
    return text;
}

class CaseFilePieces : public ::testing::Test {
  protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("ombuds-pieces-" + std::to_string(::getpid()) + ".csv");
    }
    void TearDown() override { std::filesystem::remove(path_); }

    /// Reads the file as an import does (records handed over as they come), counting restarts
    /// and checking the records handed over never move.
    CaseFile read(const std::string& text) {
        std::ofstream(path_, std::ios::binary) << text;
        ReadOptions options;
        const CaseRecord* handed = nullptr;
        options.on_records = [&](const CaseRecord* first, std::size_t) {
            if (handed) {
                EXPECT_EQ(first, handed) << "records moved while handed over";
            }
            handed = first;
        };
        options.on_restart = [&] {
            ++restarts_;
            handed = nullptr;
        };
        return read_case_file(path_, config(), options);
    }
    /// Expects `file` to be what reading `text` whole gives.
    static void expect_as_whole(const CaseFile& file, const std::string& text) {
        auto whole = read_case_text(text, "whole.csv", config());
        EXPECT_EQ(file.unreadable, whole.unreadable);
        EXPECT_EQ(file.layout.encoding, whole.layout.encoding);
        EXPECT_EQ(file.layout.line_end, whole.layout.line_end);
        ASSERT_EQ(file.records.size(), whole.records.size());
        ASSERT_EQ(file.lines, whole.lines);
        for (std::size_t i = 0; i < file.records.size(); ++i) {
            ASSERT_EQ(file.records[i].case_id->view(), whole.records[i].case_id->view());
            ASSERT_EQ(file.records[i].note, whole.records[i].note) << "record " << i;
            ASSERT_EQ(file.records[i].received, whole.records[i].received);
        }
        ASSERT_EQ(file.issues.size(), whole.issues.size());
        for (std::size_t i = 0; i < file.issues.size(); ++i) {
            EXPECT_EQ(file.issues[i].line, whole.issues[i].line);
            EXPECT_EQ(file.issues[i].violation.rule, whole.issues[i].violation.rule);
        }
    }

    std::filesystem::path path_;
    int restarts_ = 0;
};

TEST_F(CaseFilePieces, ALargeFileReadInPiecesIsTheFileReadWhole) {
    auto text = large_csv(12u << 20);
    auto file = read(text);
    EXPECT_EQ(restarts_, 0);
    EXPECT_GT(file.records.size(), 100000u);
    EXPECT_FALSE(file.issues.empty());  // the bad dates
    expect_as_whole(file, text);
}

TEST_F(CaseFilePieces, ByteOrderMarkLfCommasAndAnOpenQuoteAtTheEndAsReadWhole) {
    std::string text = "\xEF\xBB\xBF";
    for (char c : large_csv(10u << 20)) {
        if (c == '\r') continue;
        text += c == ';' ? ',' : c;
    }
    text += "LAST,complaint,main,2024-01-02,complaint_dialogue,no_reply,ref:1,\"open note";
    auto file = read(text);
    EXPECT_EQ(restarts_, 0);
    EXPECT_EQ(file.layout.encoding, TextEncoding::utf8_bom);
    EXPECT_EQ(file.layout.separator, ',');
    expect_as_whole(file, text);
}

TEST_F(CaseFilePieces, ARecordLongerThanAPieceIsReadWholeAmongTheOthers) {
    // Only the record begun is kept when the next piece is read: one quoted note of several
    // pieces (lines and doubled quotes in it) in the middle of the file, and the rest after it.
    auto text = large_csv(6u << 20);
    std::string note = "\"";
    while (note.size() < (9u << 20)) note += "Linje med \"\"citat\"\" og æøå;\r\n";
    text += "LONG;complaint;main;2024-01-02;complaint_dialogue;no_reply;ref:1;" + note + "\"\r\n";
    const auto rest = large_csv(6u << 20);
    text += rest.substr(rest.find("\r\n") + 2);
    auto file = read(text);
    EXPECT_EQ(restarts_, 0);
    auto long_record =
        std::find_if(file.records.begin(), file.records.end(),
                     [](const CaseRecord& r) { return r.case_id->view() == "LONG"; });
    ASSERT_NE(long_record, file.records.end());
    EXPECT_GT(long_record->note.size(), 8u << 20);
    expect_as_whole(file, text);
}

TEST_F(CaseFilePieces, ARestNotUtf8IsReadAgainWholeAsWindows1252) {
    auto text = large_csv(10u << 20);
    text += "LAST;complaint;main;2024-01-02;complaint_dialogue;no_reply;ref:1;Svar\xF8\r\n";
    auto file = read(text);  // Windows-1252's ø in the last note
    EXPECT_EQ(restarts_, 1);
    EXPECT_EQ(file.layout.encoding, TextEncoding::windows_1252);
    EXPECT_EQ(file.records.back().note, "Svarø");
    expect_as_whole(file, text);
}

TEST_F(CaseFilePieces, AControlCharacterInTheRestIsReadAgainWholeAndRefused) {
    auto text = large_csv(10u << 20);
    text += "LAST;complaint;main;2024-01-02;complaint_dialogue;no_reply;ref:1;Svar\x01\r\n";
    auto file = read(text);
    EXPECT_EQ(restarts_, 1);
    EXPECT_TRUE(file.unreadable);
    EXPECT_TRUE(file.records.empty());
    expect_as_whole(file, text);
}

TEST_F(CaseFilePieces, FarMoreLinesThanTheStartPromisedIsReadAgainWhole) {
    // The first pieces hold long rows, the rest many short ones.
    auto text = large_csv(16u << 20, 5000);
    auto file = read(text);
    EXPECT_EQ(restarts_, 1);
    expect_as_whole(file, text);
}

TEST_F(CaseFilePieces, WithoutOnRestartOrWhenSmallAFileIsReadWhole) {
    auto text = large_csv(1u << 20);
    text += "LAST;complaint;main;2024-01-02;complaint_dialogue;no_reply;ref:1;Svar\xF8\r\n";
    auto file = read(text);  // small: read whole, never restarted
    EXPECT_EQ(restarts_, 0);
    expect_as_whole(file, text);
}

}  // namespace
}  // namespace ombuds
