// SPDX-License-Identifier: MPL-2.0
#include "xlsx_reader.hpp"

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ombuds/detail/invisible.hpp"
#include "xlsx_cells.hpp"
#include "xlsx_package.hpp"
#include "xlsx_sheet_reader.hpp"

namespace ombuds::io {
namespace {

using xlsx::attribute;
using xlsx::decode_escapes;
using xlsx::Package;
using xlsx::SheetReader;
using xlsx::WorkbookError;
using xlsx::XmlHandler;

/// The relationships of a part: id -> target, and the target of each type's last relation.
class RelsReader : public XmlHandler {
  public:
    void start(std::string_view name, const char** attributes) override {
        if (name != "Relationship") return;
        auto id = attribute(attributes, "Id");
        auto type = attribute(attributes, "Type");
        auto target = attribute(attributes, "Target");
        auto mode = attribute(attributes, "TargetMode");
        if (!id || !type || !target || (mode && *mode == "External")) return;
        targets[std::string(*id)] = std::string(*target);
        auto slash = type->rfind('/');
        by_type[std::string(type->substr(slash == std::string_view::npos ? 0 : slash + 1))] =
            std::string(*target);
    }
    std::unordered_map<std::string, std::string> targets;
    std::unordered_map<std::string, std::string> by_type;
};

/// A target of a relation as a part name: relative to the folder of the part it is from.
std::string resolve(std::string_view from_folder, std::string_view target) {
    std::string path = target.starts_with('/') ? std::string(target.substr(1))
                                               : std::string(from_folder) + std::string(target);
    std::vector<std::string> parts;
    std::size_t begin = 0;
    while (begin <= path.size()) {
        auto slash = path.find('/', begin);
        if (slash == std::string::npos) slash = path.size();
        std::string part = path.substr(begin, slash - begin);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        begin = slash + 1;
    }
    std::string out;
    for (const auto& part : parts) out += (out.empty() ? "" : "/") + part;
    return out;
}

struct SheetEntry {
    std::string name;
    std::string relation;
    bool hidden = false;
};

class WorkbookReader : public XmlHandler {
  public:
    void start(std::string_view name, const char** attributes) override {
        if (name == "workbookPr") {
            auto value = attribute(attributes, "date1904");
            date1904 = value && (*value == "1" || *value == "true");
        } else if (name == "sheet") {
            auto sheet_name = attribute(attributes, "name");
            auto relation = attribute(attributes, "id");
            auto state = attribute(attributes, "state");
            if (!sheet_name || !relation) return fail(Hint::workbook_damaged, "workbook");
            if (sheets.size() >= 10'000) return fail(Hint::workbook_damaged, "workbook");
            sheets.push_back({decode_escapes(std::string(*sheet_name)), std::string(*relation),
                              state && *state != "visible"});
        }
    }
    std::vector<SheetEntry> sheets;
    bool date1904 = false;
};

/// Which cell styles show dates: cellXfs' number formats, built-in or custom.
class StylesReader : public XmlHandler {
  public:
    void start(std::string_view name, const char** attributes) override {
        if (name == "numFmt") {
            auto id = attribute(attributes, "numFmtId");
            auto code = attribute(attributes, "formatCode");
            if (id && code) custom_dates_[std::string(*id)] = xlsx::custom_date_format(*code);
        } else if (name == "cellXfs") {
            in_cell_formats_ = true;
        } else if (name == "xf" && in_cell_formats_) {
            if (date_styles.size() >= 1'000'000) return fail(Hint::workbook_damaged, "styles");
            auto id = attribute(attributes, "numFmtId");
            bool date = false;
            if (id) {
                unsigned number = 0;
                auto [end, error] = std::from_chars(id->data(), id->data() + id->size(), number);
                bool numeric = error == std::errc() && end == id->data() + id->size();
                auto custom = custom_dates_.find(std::string(*id));
                date = custom != custom_dates_.end() ? custom->second
                                                     : numeric && xlsx::builtin_date_format(number);
            }
            date_styles.push_back(date);
        }
    }
    void end(std::string_view name) override {
        if (name == "cellXfs") in_cell_formats_ = false;
    }
    std::vector<bool> date_styles;

  private:
    std::unordered_map<std::string, bool> custom_dates_;
    bool in_cell_formats_ = false;
};

/// The shared strings: each `si`'s text runs, without phonetic runs (`rPh`).
class SharedStringsReader : public XmlHandler {
  public:
    explicit SharedStringsReader(const ReadLimits& limits) : limits_(limits) {}
    void start(std::string_view name, const char**) override {
        if (name == "si") {
            in_item_ = true;
            current_.clear();
        } else if (name == "rPh") {
            ++phonetic_;
        } else if (name == "t" && in_item_ && phonetic_ == 0) {
            in_text_ = true;
        }
    }
    void end(std::string_view name) override {
        if (name == "t") {
            in_text_ = false;
        } else if (name == "rPh") {
            --phonetic_;
        } else if (name == "si") {
            in_item_ = false;
            if (strings.size() >= limits_.max_strings)
                return fail(Hint::limit_strings, std::to_string(limits_.max_strings));
            strings.push_back(decode_escapes(std::move(current_)));
            current_.clear();
        }
    }
    void text(std::string_view chars) override {
        if (!in_text_) return;
        bytes_ += chars.size();
        if (bytes_ > limits_.max_string_bytes)
            return fail(Hint::limit_unpacked, std::to_string(limits_.max_string_bytes >> 20));
        if (current_.size() + chars.size() > xlsx::max_cell_bytes)
            return fail(Hint::workbook_damaged, "sharedStrings");
        current_.append(chars);
    }
    std::vector<std::string> strings;

  private:
    const ReadLimits& limits_;
    std::string current_;
    std::uint64_t bytes_ = 0;
    int phonetic_ = 0;
    bool in_item_ = false;
    bool in_text_ = false;
};

}  // namespace

void read_workbook(std::string_view bytes, RecordBuilder& builder) {
    CaseFile& file = builder.file();
    const ReadLimits& limits = builder.options().limits;
    auto refuse = [&](Hint hint, std::string detail, std::string suggestion = {}) {
        builder.file_issue(0, Rule::file_format, Field::case_id, hint, std::move(detail),
                           std::move(suggestion));
        file.unreadable = true;
    };
    try {
        Package package(bytes, limits);
        // Where the workbook part is: the package's relationships say, else the usual place.
        std::string workbook = "xl/workbook.xml";
        if (package.has("_rels/.rels")) {
            RelsReader root;
            package.parse("_rels/.rels", root);
            if (auto found = root.by_type.find("officeDocument"); found != root.by_type.end())
                workbook = resolve("", found->second);
        }
        if (!package.has(workbook)) {
            bool ods = package.has("content.xml") || package.has("mimetype");
            return refuse(ods ? Hint::opendocument : Hint::zip_not_workbook, {});
        }
        const std::string folder = workbook.substr(0, workbook.rfind('/') + 1);
        WorkbookReader book;
        package.parse(workbook, book);
        RelsReader relations;
        const std::string rels = folder + "_rels/" + workbook.substr(folder.size()) + ".rels";
        if (package.has(rels)) package.parse(rels, relations);

        // The sheet: the one named (exactly, else in any letter case), or the first visible.
        const SheetEntry* sheet = nullptr;
        const std::string& wanted = builder.options().sheet;
        for (const auto& entry : book.sheets) {
            if (wanted.empty() ? !entry.hidden : entry.name == wanted) {
                sheet = &entry;
                break;
            }
        }
        for (const auto& entry : book.sheets) {
            if (!sheet && !wanted.empty() && detail::equals_folded(entry.name, wanted))
                sheet = &entry;
        }
        if (!sheet && wanted.empty() && !book.sheets.empty()) sheet = &book.sheets.front();
        if (!sheet) {
            if (wanted.empty()) return refuse(Hint::no_sheets, {});
            std::string names;
            for (const auto& entry : book.sheets)
                names += (names.empty() ? "" : ", ") + detail::shown_value(entry.name);
            return refuse(Hint::sheet_missing, detail::shown_value(wanted), names);
        }
        file.layout.sheet = sheet->name;
        auto target = relations.targets.find(sheet->relation);
        if (target == relations.targets.end())
            return refuse(Hint::workbook_damaged, detail::shown_text(sheet->name));
        const std::string sheet_part = resolve(folder, target->second);

        StylesReader styles;
        if (auto found = relations.by_type.find("styles"); found != relations.by_type.end()) {
            if (auto part = resolve(folder, found->second); package.has(part))
                package.parse(part, styles);
        }
        SharedStringsReader shared(limits);
        if (auto found = relations.by_type.find("sharedStrings");
            found != relations.by_type.end()) {
            if (auto part = resolve(folder, found->second); package.has(part))
                package.parse(part, shared);
        }
        if (!package.has(sheet_part))
            return refuse(Hint::workbook_damaged, detail::shown_text(sheet_part));
        SheetReader reader(builder, shared.strings, styles.date_styles, book.date1904);
        package.parse(sheet_part, reader);
        reader.finish_sheet();
    } catch (const WorkbookError& error) {
        refuse(error.hint, error.detail);
    }
}

}  // namespace ombuds::io
