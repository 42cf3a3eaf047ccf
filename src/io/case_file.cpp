// SPDX-License-Identifier: MPL-2.0
// Case files as Danish offices write them: CSV from Excel (`;` or `,`, UTF-8 with or without BOM
// or Windows-1252, CRLF or LF, quoted fields) and JSON Lines.
#include "ombuds/case_file.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace ombuds {
namespace {

constexpr std::size_t no_record = static_cast<std::size_t>(-1);
/// The column `ombuds import --skip-invalid` adds to its rejects file; read back, it is ignored.
constexpr std::string_view reason_column = "ombuds_reason";

/// Windows-1252's 0x80..0x9F as Unicode code points; 0 marks the five undefined bytes.
constexpr std::array<char32_t, 32> cp1252_high = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

/// Converts Windows-1252 to UTF-8; false when a byte is undefined in Windows-1252.
bool cp1252_to_utf8(std::string_view in, std::string& out) {
    out.clear();
    out.reserve(in.size() + in.size() / 8);
    for (char c : in) {
        auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;
        } else if (byte < 0xA0) {
            char32_t cp = cp1252_high[byte - 0x80];
            if (cp == 0) return false;
            append_utf8(out, cp);
        } else {
            append_utf8(out, byte);
        }
    }
    return true;
}

/// Control characters other than tab, CR and LF mean the file is not text.
/// What one pass over a file's text finds: a control character that makes it binary, and its
/// line ends (to reserve room for the records).
struct TextScan {
    bool binary = false;
    std::size_t line_feeds = 0;
    std::size_t carriage_returns = 0;
};

TextScan scan_text(std::string_view text) {
    TextScan scan;
    auto look_at = [&scan](unsigned char byte) {
        scan.line_feeds += byte == '\n';
        scan.carriage_returns += byte == '\r';
        scan.binary |=
            (byte < 0x20 && byte != '\t' && byte != '\r' && byte != '\n') || byte == 0x7F;
    };
    // Eight bytes at a time: only a word holding a byte below 0x20 or a 0x7F is looked at byte
    // by byte (this reads every byte of a file of a million cases).
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t high_bits = 0x8080808080808080ULL;
    const char* bytes = text.data();
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word;
        std::memcpy(&word, bytes + i, 8);
        std::uint64_t below_space = (word - 0x20 * ones) & ~word & high_bits;
        std::uint64_t rubout = word ^ (0x7F * ones);
        if ((below_space | ((rubout - ones) & ~rubout & high_bits)) == 0) continue;
        for (std::size_t k = 0; k < 8; ++k) look_at(static_cast<unsigned char>(bytes[i + k]));
    }
    for (; i < text.size(); ++i) look_at(static_cast<unsigned char>(bytes[i]));
    return scan;
}

class Reader {
  public:
    Reader(CaseFile& file, const Configuration& config, const ReadOptions& options)
        : file_(file), config_(config), options_(options) {}

    void file_issue(std::size_t line, Rule rule, Field field, std::string detail = {},
                    std::string column = {}) {
        file_.issues.push_back(FileIssue{line, no_record, Violation(rule, field, std::move(detail)),
                                         std::move(column)});
    }

    /// Decodes the bytes into UTF-8 text: a view of the input when it is UTF-8 already, else
    /// converted into `storage`. False (with an issue) when the file is not text.
    bool decode(std::string_view bytes, std::string& storage, std::string_view& text,
                TextScan& scan) {
        if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
        if (detail::is_valid_utf8(bytes)) {
            text = bytes;
        } else if (cp1252_to_utf8(bytes, storage)) {
            text = storage;
        } else {
            file_issue(0, Rule::file_format, Field::case_id,
                       "encoding: neither UTF-8 nor Windows-1252");
            return false;
        }
        scan = scan_text(text);
        if (scan.binary) {
            file_issue(0, Rule::file_format, Field::case_id, "binary content");
            return false;
        }
        return true;
    }

    /// Parses one record's values and keeps it with its line.
    void add_record(const FieldValues& values, std::size_t line) {
        violations_.clear();
        std::size_t index = file_.records.size();
        // Parsed straight into the vector's slot: a CaseRecord is large enough that moving
        // each one in shows in the import's profile.
        struct Parse {
            const FieldValues& values;
            const Configuration& config;
            std::vector<Violation>& violations;
            operator CaseRecord() const { return parse_record(values, config, violations); }
        };
        file_.records.emplace_back(Parse{values, config_, violations_});
        file_.lines.push_back(line);
        for (auto& violation : violations_)
            file_.issues.push_back(FileIssue{line, index, std::move(violation), {}});
        if (options_.on_records && file_.records.size() - published_ >= options_.batch_size)
            publish();
    }

    /// Hands the records parsed so far to `on_records`.
    void publish() {
        if (options_.on_records && file_.records.size() > published_) {
            published_ = file_.records.size();
            options_.on_records(file_.records.data(), published_);
        }
    }

    std::size_t record_count() const { return file_.records.size(); }
    bool changes_only() const { return options_.changes_only; }
    CaseFile& file() { return file_; }

  private:
    CaseFile& file_;
    const Configuration& config_;
    const ReadOptions& options_;
    std::vector<Violation> violations_;
    std::size_t published_ = 0;
};

/// Splits CSV text into records of cells, tracking physical lines. Quoted cells may hold
/// separators, doubled quotes and line breaks. A cell is a view into the text; only a cell
/// whose quotes or line ends must be rewritten is decoded, into storage the scanner keeps until
/// its next record (a copy per cell showed in the import's profile).
class CsvScanner {
  public:
    CsvScanner(std::string_view text, char separator) : text_(text), separator_(separator) {}

    /// Reads the next record into `cells`; false at the end. `start_line` is the line the
    /// record starts on; `unterminated` tells of a quote left open at the end of the file.
    bool next(std::vector<std::string_view>& cells, std::size_t& start_line, bool& unterminated) {
        cells.clear();
        decoded_.clear();
        unterminated = false;
        if (pos_ >= text_.size()) return false;
        start_line = line_;
        for (;;) {
            if (pos_ >= text_.size() || text_[pos_] != '"') {
                plain_cell(cells);
            } else if (!quoted_cell(cells)) {
                decoded_cell(cells, unterminated);
            }
            if (!after_cell()) return true;
        }
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
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::deque<std::string> decoded_;  // a deque never moves its strings: views stay valid
};

/// The separator of the header line: the most frequent of `;`, `,` and tab outside quotes.
char detect_separator(std::string_view text) {
    std::size_t semicolons = 0, commas = 0, tabs = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        semicolons += c == ';';
        commas += c == ',';
        tabs += c == '\t';
    }
    if (tabs > semicolons && tabs > commas) return '\t';
    return commas > semicolons ? ',' : ';';
}

void read_csv(std::string_view text, Reader& reader) {
    CsvScanner scanner(text, detect_separator(text));
    std::vector<std::string_view> cells;
    std::size_t line = 0;
    bool unterminated = false;
    if (!scanner.next(cells, line, unterminated)) {
        reader.file_issue(0, Rule::file_format, Field::case_id, "empty file");
        reader.file().unreadable = true;
        return;
    }

    // The header: every column must be a known field, once.
    constexpr std::size_t ignored = static_cast<std::size_t>(-1);
    constexpr std::size_t skipped = static_cast<std::size_t>(-2);
    std::vector<std::size_t> column_field(cells.size(), ignored);
    std::array<bool, field_count> present{};
    bool header_ok = true;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        auto name = detail::trim(cells[i]);
        if (name.empty()) continue;  // spreadsheets add empty columns; their cells must stay empty
        if (detail::equals_folded(name, reason_column)) {
            column_field[i] = skipped;  // a rejects file keeps its reasons beside the row
            continue;
        }
        auto field = field_from_name(name);
        if (!field) {
            reader.file_issue(1, Rule::file_format, Field::case_id,
                              "unknown column " + detail::quote_value(name),
                              std::string(detail::redact(name)));
            header_ok = false;
            continue;
        }
        auto index = static_cast<std::size_t>(*field);
        if (present[index]) {
            reader.file_issue(1, Rule::file_format, *field, "duplicate column");
            header_ok = false;
        }
        present[index] = true;
        reader.file().columns.set(index);
        column_field[i] = index;
    }
    for (const auto& info : field_table) {
        bool required = info.required && (!reader.changes_only() || info.field == Field::case_id);
        if (required && !present[static_cast<std::size_t>(info.field)]) {
            reader.file_issue(1, Rule::field_required, info.field, "column missing");
            header_ok = false;
        }
    }
    if (!header_ok) {
        reader.file().unreadable = true;
        return;
    }

    FieldValues values{};
    while (scanner.next(cells, line, unterminated)) {
        bool blank = std::all_of(cells.begin(), cells.end(),
                                 [](std::string_view cell) { return detail::trim(cell).empty(); });
        if (blank && !unterminated) continue;
        values.fill({});
        bool extra = false;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i < column_field.size() && column_field[i] == skipped) continue;
            if (i < column_field.size() && column_field[i] != ignored) {
                values[column_field[i]] = cells[i];
            } else if (!detail::trim(cells[i]).empty()) {
                extra = true;
            }
        }
        std::size_t index = reader.record_count();
        reader.add_record(values, line);
        auto& file = reader.file();
        if (extra) {
            file.issues.push_back(
                FileIssue{line,
                          index,
                          Violation(Rule::file_format, Field::case_id, "more cells than columns"),
                          {}});
        }
        if (unterminated) {
            file.issues.push_back(FileIssue{
                line, index, Violation(Rule::file_format, Field::case_id, "quote not closed"), {}});
        }
    }
    if (reader.record_count() == 0) {
        reader.file_issue(0, Rule::file_format, Field::case_id, "no cases after the header");
        reader.file().unreadable = true;
    }
}

void read_jsonl(std::string_view text, Reader& reader) {
    std::size_t line = 0;
    std::size_t pos = 0;
    std::vector<std::string> storage(field_count);
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view row = text.substr(pos, end - pos);
        pos = end + 1;
        ++line;
        if (detail::trim(row).empty() || detail::trim(row) == "\r") continue;
        nlohmann::json object;
        try {
            object = nlohmann::json::parse(row.begin(), row.end());
        } catch (const nlohmann::json::exception&) {  // parse errors and numbers out of range
            reader.file_issue(line, Rule::file_format, Field::case_id, "not a JSON object");
            continue;
        }
        if (!object.is_object()) {
            reader.file_issue(line, Rule::file_format, Field::case_id, "not a JSON object");
            continue;
        }
        FieldValues values{};
        for (auto& slot : storage) slot.clear();
        bool ok = true;
        for (auto& [key, value] : object.items()) {
            auto field = field_from_name(key);
            if (!field) {
                reader.file_issue(line, Rule::file_format, Field::case_id,
                                  "unknown field " + detail::quote_value(key), detail::redact(key));
                ok = false;
                continue;
            }
            auto index = static_cast<std::size_t>(*field);
            if (value.is_string()) {
                storage[index] = value.get<std::string>();
            } else if (value.is_number() || value.is_boolean()) {
                storage[index] = value.dump();
            } else if (!value.is_null()) {
                reader.file_issue(line, Rule::field_format, *field, "not a text value");
                ok = false;
            }
            values[index] = storage[index];
            reader.file().columns.set(index);
        }
        if (!ok) continue;
        reader.add_record(values, line);
    }
    if (reader.record_count() == 0 && reader.file().issues.empty()) {
        reader.file_issue(0, Rule::file_format, Field::case_id, "no cases");
        reader.file().unreadable = true;
    }
}

FileFormat format_of(std::string_view name, const ReadOptions& options) {
    if (options.format) return *options.format;
    auto ends_with = [&](std::string_view suffix) {
        return name.size() >= suffix.size() &&
               detail::equals_folded(name.substr(name.size() - suffix.size()), suffix);
    };
    return ends_with(".jsonl") || ends_with(".ndjson") ? FileFormat::jsonl : FileFormat::csv;
}

std::string csv_cell(std::string_view value, char separator) {
    bool quote =
        value.find_first_of(std::string{separator, '"', '\n', '\r'}) != std::string_view::npos ||
        (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!quote) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace

namespace {

void read_text_into(std::string_view bytes, std::string_view name, const Configuration& config,
                    const ReadOptions& options, CaseFile& file) {
    file = CaseFile{};
    file.name = std::string(name);
    file.format = format_of(name, options);
    Reader reader(file, config, options);
    std::string storage;
    std::string_view text;
    TextScan scan;
    if (!reader.decode(bytes, storage, text, scan)) {
        file.unreadable = true;
        return;
    }
    // One record per line is the common case: reserve for it. When another thread reads the
    // records while they are parsed, the reservation must hold every record whatever the line
    // ends (CR alone counts too), so the vector never moves them.
    auto lines = scan.line_feeds;
    if (options.on_records) lines += scan.carriage_returns;
    file.records.reserve(lines + 1);
    file.lines.reserve(lines + 1);
    if (file.format == FileFormat::jsonl) {
        read_jsonl(text, reader);
    } else {
        read_csv(text, reader);
    }
    reader.publish();
}

}  // namespace

CaseFile read_case_text(std::string_view bytes, std::string_view name, const Configuration& config,
                        const ReadOptions& options) {
    CaseFile file;
    read_text_into(bytes, name, config, options, file);
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
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError(path.string() + ": cannot be opened");
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw InputError(path.string() + ": is a directory");
    std::string bytes;
    auto size = std::filesystem::file_size(path, ec);
    if (!ec) bytes.resize(static_cast<std::size_t>(size));
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    // A file that grew while read (or a pipe) is read to its end.
    if (in) {
        std::ostringstream rest;
        rest << in.rdbuf();
        bytes += std::move(rest).str();
    }
    if (in.bad()) throw InputError(path.string() + ": cannot be read");
    read_text_into(bytes, path.string(), config, options, file);
}

void write_case_file(std::ostream& out, FileFormat format, const std::vector<CaseRecord>& records,
                     const Configuration& config, const std::vector<std::string>& citizens,
                     bool with_notes) {
    // No citizen column unless citizens are given, no note column without notes: an export fed
    // back with --update then changes nothing (an empty cell there would mean "clear").
    std::vector<Field> columns;
    for (const auto& info : field_table) {
        if (info.field == Field::citizen && citizens.empty()) continue;
        if (info.field == Field::note && !with_notes) continue;
        columns.push_back(info.field);
    }
    auto value = [&](std::size_t row, Field field) -> std::string {
        if (field == Field::citizen) return row < citizens.size() ? citizens[row] : std::string();
        return field_text(records[row], field, config);
    };
    if (format == FileFormat::jsonl) {
        for (std::size_t row = 0; row < records.size(); ++row) {
            nlohmann::ordered_json object;
            for (auto field : columns) object[std::string(column_name(field))] = value(row, field);
            out << object.dump() << '\n';
        }
        return;
    }
    constexpr char separator = ',';
    for (std::size_t i = 0; i < columns.size(); ++i)
        out << (i ? "," : "") << column_name(columns[i]);
    out << '\n';
    for (std::size_t row = 0; row < records.size(); ++row) {
        for (std::size_t i = 0; i < columns.size(); ++i) {
            if (i) out << separator;
            out << csv_cell(value(row, columns[i]), separator);
        }
        out << '\n';
    }
}

}  // namespace ombuds
