// SPDX-License-Identifier: MPL-2.0
#include "text_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "csv_scanner.hpp"
#include "encoding.hpp"
#include "ombuds/detail/invisible.hpp"

namespace ombuds::io {
namespace {

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

/// The line end the file's first line ends with; LF when it has one line only.
std::string detect_line_end(std::string_view text) {
    auto end = text.find_first_of("\r\n");
    if (end == std::string_view::npos || text[end] == '\n') return "\n";
    return end + 1 < text.size() && text[end + 1] == '\n' ? "\r\n" : "\r";
}

/// The length of the UTF-8 byte order mark the bytes start with (0 or 3), the encoding UTF-8
/// with or without it.
std::size_t byte_order_mark(std::string_view bytes, FileLayout& layout) {
    const bool mark = bytes.starts_with("\xEF\xBB\xBF");
    layout.encoding = mark ? TextEncoding::utf8_bom : TextEncoding::utf8;
    return mark ? 3 : 0;
}

/// Decodes the bytes into UTF-8 text: a view of the input when it is UTF-8 already, else
/// converted into `storage`. False (with an issue) when the file is not text.
bool decode(std::string_view bytes, std::string& storage, std::string_view& text, TextScan& scan,
            RecordBuilder& builder) {
    auto& layout = builder.file().layout;
    bytes.remove_prefix(byte_order_mark(bytes, layout));
    if (detail::is_valid_utf8(bytes)) {
        text = bytes;
    } else if (cp1252_to_utf8(bytes, storage)) {
        text = storage;
        layout.encoding = TextEncoding::windows_1252;
    } else {
        builder.file_issue(0, Rule::file_format, Field::case_id, Hint::encoding);
        return false;
    }
    scan = scan_text(text);
    if (scan.binary) {
        builder.file_issue(0, Rule::file_format, Field::case_id, Hint::binary);
        return false;
    }
    layout.line_end = detect_line_end(text);
    return true;
}

/// A CSV file read to its end without a record is no case file.
void refuse_without_records(RecordBuilder& builder) {
    if (builder.record_count() > 0) return;
    builder.file_issue(0, Rule::file_format, Field::case_id, Hint::no_cases);
    builder.file().unreadable = true;
}

void read_csv(std::string_view text, RecordBuilder& builder) {
    char separator = detect_separator(text);
    builder.file().layout.separator = separator;
    CsvScanner scanner(text, separator);
    std::vector<std::string_view> cells;
    std::size_t line = 0;
    bool unterminated = false;
    if (!scanner.next(cells, line, unterminated)) {
        builder.file_issue(0, Rule::file_format, Field::case_id, Hint::empty_file);
        builder.file().unreadable = true;
        return;
    }
    if (!builder.header(cells)) return;
    while (scanner.next(cells, line, unterminated)) builder.row(cells, line, unterminated);
    refuse_without_records(builder);
}

void read_jsonl(std::string_view text, RecordBuilder& builder) {
    std::size_t line = 0;
    std::size_t pos = 0;
    std::vector<std::string> storage(field_count);
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view row = text.substr(pos, end - pos);
        pos = end + 1;
        ++line;
        if (row.ends_with('\r')) row.remove_suffix(1);
        if (detail::trim(row).empty()) continue;
        nlohmann::json object;
        try {
            object = nlohmann::json::parse(row.begin(), row.end());
        } catch (const nlohmann::json::exception&) {  // parse errors and numbers out of range
            builder.file_issue(line, Rule::file_format, Field::case_id, Hint::not_json_object);
            continue;
        }
        if (!object.is_object()) {
            builder.file_issue(line, Rule::file_format, Field::case_id, Hint::not_json_object);
            continue;
        }
        FieldValues values{};
        for (auto& slot : storage) slot.clear();
        bool ok = true;
        for (auto& [key, value] : object.items()) {
            if (key == reason_column) continue;  // a rejects file's reasons
            auto field = field_from_name(key);
            if (!field) {
                // Echoed cut and with control characters as their codes: a key may be anything.
                auto nearest = suggest_header(key);
                builder.file_issue(line, Rule::file_format, Field::case_id,
                                   nearest ? Hint::unknown_column_did_you_mean : Hint::unknown_key,
                                   detail::shown_value(key), nearest.value_or(""),
                                   detail::shown_name(key));
                ok = false;
                continue;
            }
            auto index = static_cast<std::size_t>(*field);
            if (value.is_string()) {
                storage[index] = value.get<std::string>();
            } else if (value.is_number() || value.is_boolean()) {
                storage[index] = value.dump();
            } else if (!value.is_null()) {
                builder.file_issue(line, Rule::field_format, *field, Hint::not_text_value);
                ok = false;
            }
            values[index] = storage[index];
            builder.file().columns.set(index);
        }
        if (!ok) continue;
        if (builder.options().keep_cells)
            builder.file().rows.push_back(RawRow{{std::string(row)}, {}});
        builder.add_record(values, line);
    }
    if (builder.record_count() == 0 && builder.file().issues.empty()) {
        builder.file_issue(0, Rule::file_format, Field::case_id, Hint::no_cases);
        builder.file().unreadable = true;
    }
}

/// Where a piece of UTF-8 may be cut so that no character is split: before a last character
/// whose bytes are not all there yet.
std::size_t whole_characters(std::string_view text) {
    std::size_t end = text.size();
    for (std::size_t back = 1; back <= 4 && back <= text.size(); ++back) {
        auto byte = static_cast<unsigned char>(text[end - back]);
        if ((byte & 0xC0) == 0x80) continue;  // a continuation byte: look further back
        std::size_t length = byte < 0x80             ? 1
                             : (byte & 0xE0) == 0xC0 ? 2
                             : (byte & 0xF0) == 0xE0 ? 3
                                                     : 4;
        return length > back ? end - back : end;
    }
    return end;  // not UTF-8: the check says so
}

}  // namespace

void read_text(std::string_view bytes, RecordBuilder& builder) {
    CaseFile& file = builder.file();
    std::string storage;
    std::string_view text;
    TextScan scan;
    if (!decode(bytes, storage, text, scan, builder)) {
        file.unreadable = true;
        return;
    }
    // One record per line is the common case: reserve for it. When another thread reads the
    // records while they are parsed, the reservation must hold every record whatever the line
    // ends (CR alone counts too), so the vector never moves them.
    auto lines = scan.line_feeds;
    if (builder.options().on_records) lines += scan.carriage_returns;
    file.records.reserve(lines + 1);
    file.lines.reserve(lines + 1);
    if (file.format == FileFormat::jsonl) {
        read_jsonl(text, builder);
    } else {
        read_csv(text, builder);
    }
}

PiecesRead read_csv_in_pieces(Piece first, std::size_t file_size, const ReadPiece& read_piece,
                              RecordBuilder& builder) {
    CaseFile& file = builder.file();
    auto& layout = file.layout;
    const std::size_t start = byte_order_mark(first.text, layout);
    // Each piece is checked as the whole file would be (UTF-8, no control character) up to its
    // last whole character; what fails is read whole instead, the usual way.
    std::size_t checked = start;  // in the file
    TextScan scan;
    auto check = [&](const Piece& piece) {
        const std::size_t end =
            piece.offset + (piece.last ? piece.text.size() : whole_characters(piece.text));
        if (end < checked || piece.offset > checked) return false;
        auto part = piece.text.substr(checked - piece.offset, end - checked);
        if (!detail::is_valid_utf8(part)) return false;
        auto found = scan_text(part);
        if (found.binary) return false;
        scan.line_feeds += found.line_feeds;
        scan.carriage_returns += found.carriage_returns;
        checked = end;
        return true;
    };
    if (!check(first)) return PiecesRead::unsuitable;
    std::string_view text = first.text.substr(start, checked - start);
    if (text.find_first_of("\r\n") == std::string_view::npos) return PiecesRead::unsuitable;
    layout.line_end = detect_line_end(text);
    const char separator = detect_separator(text);
    layout.separator = separator;
    // Room for the records the file's size promises at the first piece's lines, with a margin:
    // records never move while they are handed over, so a file with more is read again whole.
    const double lines_per_byte = static_cast<double>(scan.line_feeds + scan.carriage_returns + 1) /
                                  static_cast<double>(text.size());
    const auto room =
        static_cast<std::size_t>(lines_per_byte * static_cast<double>(file_size) * 1.25) + 1024;
    file.records.reserve(room);
    file.lines.reserve(room);
    CsvScanner scanner(text, separator, first.last);
    std::vector<std::string_view> cells;
    std::size_t line = 0;
    bool unterminated = false;
    if (!scanner.next(cells, line, unterminated) || !builder.header(cells))
        return PiecesRead::unsuitable;  // said as the whole file's reading says it
    bool last = first.last;
    std::size_t scanned_from = start;  // where the scanner's text starts in the file
    for (;;) {
        if (scanner.next(cells, line, unterminated)) {
            if (file.records.size() == file.records.capacity()) return PiecesRead::abandoned;
            builder.row(cells, line, unterminated);
        } else if (scanner.needs_more() && !last) {
            // Only the record begun is kept: the records read own their values.
            const std::size_t keep_from = scanned_from + scanner.position();
            auto piece = read_piece(keep_from);
            if (!piece || piece->offset != keep_from || !check(*piece))
                return PiecesRead::abandoned;
            last = piece->last;
            scanned_from = keep_from;
            scanner.extend(piece->text.substr(0, checked - keep_from), last);
        } else {
            break;
        }
    }
    refuse_without_records(builder);
    return PiecesRead::read;
}

}  // namespace ombuds::io
