// SPDX-License-Identifier: MPL-2.0
#include "xlsx_package.hpp"

#include <expat.h>
#include <zip.h>

#include <array>
#include <cstring>
#include <new>

#include "ombuds/detail/invisible.hpp"

namespace ombuds::io::xlsx {

struct Package::Zip {
    zip_t* archive = nullptr;
    ~Zip() {
        if (archive) zip_discard(archive);
    }
};

namespace {

/// expat with namespaces: names arrive as "URI|local"; the handler sees the local name.
constexpr char namespace_separator = '|';

std::string_view local_name(const char* name) {
    std::string_view text(name);
    auto bar = text.rfind(namespace_separator);
    return bar == std::string_view::npos ? text : text.substr(bar + 1);
}

/// What the callbacks share: the handler and the parser, to stop it.
struct ParseState {
    XmlHandler& handler;
    XML_Parser parser;
    std::string_view part;
};

void stop(ParseState& state) {
    XML_StopParser(state.parser, XML_FALSE);
}

// The callbacks run inside expat, a C library: no exception may leave them.
void XMLCALL on_start(void* data, const char* name, const char** attributes) {
    auto& state = *static_cast<ParseState*>(data);
    try {
        state.handler.start(local_name(name), attributes);
    } catch (...) {
        state.handler.fail(Hint::workbook_damaged, std::string(state.part));
    }
    if (state.handler.error || state.handler.finished) stop(state);
}

void XMLCALL on_end(void* data, const char* name) {
    auto& state = *static_cast<ParseState*>(data);
    try {
        state.handler.end(local_name(name));
    } catch (...) {
        state.handler.fail(Hint::workbook_damaged, std::string(state.part));
    }
    if (state.handler.error || state.handler.finished) stop(state);
}

void XMLCALL on_text(void* data, const char* chars, int length) {
    auto& state = *static_cast<ParseState*>(data);
    try {
        state.handler.text(std::string_view(chars, static_cast<std::size_t>(length)));
    } catch (...) {
        state.handler.fail(Hint::workbook_damaged, std::string(state.part));
    }
    if (state.handler.error || state.handler.finished) stop(state);
}

/// A workbook's XML has no document type: one that declares it could define entities.
void XMLCALL on_doctype(void* data, const char*, const char*, const char*, int) {
    auto& state = *static_cast<ParseState*>(data);
    state.handler.fail(Hint::workbook_damaged, std::string(state.part));
    stop(state);
}

/// Frees an expat parser when it goes out of scope.
struct Parser {
    XML_Parser parser;
    ~Parser() {
        if (parser) XML_ParserFree(parser);
    }
};

/// Closes a part when it goes out of scope.
struct Part {
    zip_file_t* file;
    ~Part() {
        if (file) zip_fclose(file);
    }
};

}  // namespace

std::optional<std::string_view> attribute(const char** attributes, std::string_view name) {
    for (std::size_t i = 0; attributes[i] && attributes[i + 1]; i += 2) {
        if (local_name(attributes[i]) == name) return std::string_view(attributes[i + 1]);
    }
    return std::nullopt;
}

Package::Package(std::string_view bytes, const ReadLimits& limits)
    : zip_(std::make_unique<Zip>()), limits_(limits) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        zip_error_fini(&error);
        throw std::bad_alloc();
    }
    zip_->archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    zip_error_fini(&error);
    if (!zip_->archive) {
        zip_source_free(source);
        throw WorkbookError{Hint::workbook_damaged, "zip"};
    }
}

Package::~Package() = default;

bool Package::has(std::string_view name) const {
    return zip_name_locate(zip_->archive, std::string(name).c_str(), ZIP_FL_NOCASE) >= 0;
}

void Package::parse(std::string_view name, XmlHandler& handler) {
    const std::string part(name);
    zip_int64_t index = zip_name_locate(zip_->archive, part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) throw WorkbookError{Hint::workbook_damaged, part};
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_->archive, static_cast<zip_uint64_t>(index), 0, &stat) != 0)
        throw WorkbookError{Hint::workbook_damaged, part};
    const std::uint64_t packed = (stat.valid & ZIP_STAT_COMP_SIZE) ? stat.comp_size : 0;
    const auto unpacked_limit = std::to_string(limits_.max_unpacked_bytes >> 20);
    if ((stat.valid & ZIP_STAT_SIZE) && stat.size > limits_.max_unpacked_bytes - unpacked_)
        throw WorkbookError{Hint::limit_unpacked, unpacked_limit};

    Part file{zip_fopen_index(zip_->archive, static_cast<zip_uint64_t>(index), 0)};
    if (!file.file) throw WorkbookError{Hint::workbook_damaged, part};
    Parser parser{XML_ParserCreateNS(nullptr, namespace_separator)};
    if (!parser.parser) throw std::bad_alloc();
    ParseState state{handler, parser.parser, part};
    XML_SetUserData(parser.parser, &state);
    XML_SetElementHandler(parser.parser, on_start, on_end);
    XML_SetCharacterDataHandler(parser.parser, on_text);
    XML_SetStartDoctypeDeclHandler(parser.parser, on_doctype);

    std::array<char, 1 << 16> buffer;
    std::uint64_t read = 0;
    for (;;) {
        zip_int64_t got = zip_fread(file.file, buffer.data(), buffer.size());
        if (got < 0) throw WorkbookError{Hint::workbook_damaged, part};
        read += static_cast<std::uint64_t>(got);
        unpacked_ += static_cast<std::uint64_t>(got);
        if (unpacked_ > limits_.max_unpacked_bytes)
            throw WorkbookError{Hint::limit_unpacked, unpacked_limit};
        if (read > limits_.ratio_floor_bytes && read / (packed ? packed : 1) > limits_.max_ratio)
            throw WorkbookError{Hint::limit_ratio, detail::shown_text(part)};
        bool last = got == 0;
        auto status = XML_Parse(parser.parser, buffer.data(), static_cast<int>(got), last);
        if (handler.error) throw *handler.error;
        if (handler.finished) return;
        if (status != XML_STATUS_OK) {
            if (XML_GetErrorCode(parser.parser) == XML_ERROR_NO_MEMORY) throw std::bad_alloc();
            throw WorkbookError{Hint::workbook_damaged, detail::shown_text(part)};
        }
        if (last) return;
    }
}

}  // namespace ombuds::io::xlsx
