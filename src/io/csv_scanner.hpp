// SPDX-License-Identifier: MPL-2.0
// The CSV scanner of the text reader: records of cells from CSV text, whole or read in pieces.
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace ombuds::io {

/// Splits CSV text into records of cells, tracking physical lines. Quoted cells may hold
/// separators, doubled quotes and line breaks. A cell is a view into the text; only a cell
/// whose quotes or line ends must be rewritten is decoded, into storage the scanner keeps until
/// its next record (a copy per cell showed in the import's profile).
class CsvScanner {
  public:
    /// `complete`: the text is the whole file; else it is read in pieces, and extend() gives
    /// the text longer.
    CsvScanner(std::string_view text, char separator, bool complete = true)
        : text_(text), separator_(separator), complete_(complete) {}

    /// Reads the next record into `cells`; false at the end, or (needs_more()) where the text
    /// read so far may end inside the next record. `start_line` is the line the record starts
    /// on; `unterminated` tells of a quote left open at the end of the file.
    bool next(std::vector<std::string_view>& cells, std::size_t& start_line, bool& unterminated) {
        cells.clear();
        decoded_.clear();
        unterminated = false;
        needs_more_ = false;
        if (pos_ >= text_.size()) {
            needs_more_ = !complete_;
            return false;
        }
        const std::size_t record_start = pos_, record_line = line_;
        start_line = line_;
        for (;;) {
            if (pos_ >= text_.size() || text_[pos_] != '"') {
                plain_cell(cells);
            } else if (!quoted_cell(cells)) {
                decoded_cell(cells, unterminated);
            }
            if (!after_cell()) break;
        }
        // A record that reaches the end of a piece may go on in the next (a CR may be followed
        // by its LF): read again from its start then.
        if (!complete_ && pos_ >= text_.size()) {
            pos_ = record_start;
            line_ = record_line;
            cells.clear();
            decoded_.clear();
            unterminated = false;
            needs_more_ = true;
            return false;
        }
        return true;
    }
    bool needs_more() const noexcept { return needs_more_; }
    /// Where the next record starts in the text.
    std::size_t position() const noexcept { return pos_; }
    /// The text read so far, longer: `text` starts at the next record (position()), as read
    /// into another buffer or moved within one; views of earlier records may be gone.
    void extend(std::string_view text, bool complete) {
        text_ = text;
        pos_ = 0;
        complete_ = complete;
    }

  private:
    bool ends_cell(char c) const { return c == separator_ || c == '\n' || c == '\r'; }

    /// A cell that does not start with a quote: the text up to the separator or line end
    /// (quotes inside it are kept as they are).
    void plain_cell(std::vector<std::string_view>& cells) {
        std::size_t begin = pos_;
        while (pos_ < text_.size() && !ends_cell(text_[pos_])) ++pos_;
        cells.push_back(text_.substr(begin, pos_ - begin));
    }

    /// A quoted cell without doubled quotes or carriage returns, closed right before the
    /// separator or line end: the text between the quotes. False (nothing consumed) otherwise.
    bool quoted_cell(std::vector<std::string_view>& cells) {
        std::size_t close = text_.find('"', pos_ + 1);
        if (close == std::string_view::npos) return false;
        if (close + 1 < text_.size() && !ends_cell(text_[close + 1])) return false;
        auto content = text_.substr(pos_ + 1, close - pos_ - 1);
        if (content.find('\r') != std::string_view::npos) return false;
        line_ += static_cast<std::size_t>(std::count(content.begin(), content.end(), '\n'));
        cells.push_back(content);
        pos_ = close + 1;
        return true;
    }

    /// Any other cell, decoded character by character: doubled quotes become one, a line
    /// break inside quotes becomes LF, text after a closing quote is kept.
    void decoded_cell(std::vector<std::string_view>& cells, bool& unterminated) {
        std::string& field = decoded_.emplace_back();
        bool quoted = false;
        bool was_quoted = false;
        while (pos_ < text_.size()) {
            char c = text_[pos_];
            if (quoted) {
                ++pos_;
                if (c == '"') {
                    if (pos_ < text_.size() && text_[pos_] == '"') {
                        field += '"';
                        ++pos_;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') ++line_;
                    if (c == '\r') {
                        if (pos_ < text_.size() && text_[pos_] == '\n') continue;  // CRLF: keep LF
                        ++line_;
                        c = '\n';
                    }
                    field += c;
                }
            } else if (c == '"' && field.empty() && !was_quoted) {
                ++pos_;
                quoted = was_quoted = true;
            } else if (ends_cell(c)) {
                break;
            } else {
                ++pos_;
                field += c;
            }
        }
        if (quoted) unterminated = true;
        cells.push_back(field);
    }

    /// Consumes what ends a cell; true when another cell of the same record follows.
    bool after_cell() {
        if (pos_ >= text_.size()) return false;
        char c = text_[pos_++];
        if (c == separator_) return true;
        if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
        return false;
    }

    std::string_view text_;
    char separator_;
    bool complete_;
    bool needs_more_ = false;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::deque<std::string> decoded_;  // a deque never moves its strings: views stay valid
};

}  // namespace ombuds::io
