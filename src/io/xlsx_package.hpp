// SPDX-License-Identifier: MPL-2.0
// The zip package of an Excel workbook (libzip) and the XML of its parts (expat), read as a
// stream under limits: a part is never unpacked whole, and unpacking stops at the total size
// and the packing ratio a zip bomb would exceed. DTDs are refused, so no entity can expand.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ombuds/case_file.hpp"

namespace ombuds::io::xlsx {

/// Why a workbook cannot be read: a hint of violation.hpp and its neutral detail.
struct WorkbookError {
    Hint hint;
    std::string detail;
};

/// Receives the XML of a part. Callbacks must not throw: call fail() instead.
class XmlHandler {
  public:
    virtual ~XmlHandler() = default;
    /// An element opens; `name` is its local name (no namespace prefix), `attributes` expat's
    /// null-terminated list of local name and value pairs.
    virtual void start(std::string_view name, const char** attributes) = 0;
    virtual void end(std::string_view /*name*/) {}
    virtual void text(std::string_view /*chars*/) {}

    /// Stops the parse with an error.
    void fail(Hint hint, std::string detail = {}) {
        if (!error) error = WorkbookError{hint, std::move(detail)};
    }
    /// Stops the parse without an error (what was wanted has been read).
    void finish() { finished = true; }

    std::optional<WorkbookError> error;
    bool finished = false;
};

/// The value of an attribute by its local name, or nullopt.
std::optional<std::string_view> attribute(const char** attributes, std::string_view name);

class Package {
  public:
    /// Opens the zip held in `bytes` (which must outlive the package). Throws WorkbookError.
    Package(std::string_view bytes, const ReadLimits& limits);
    ~Package();
    Package(const Package&) = delete;
    Package& operator=(const Package&) = delete;

    /// Whether the package has a part of this name (any letter case).
    bool has(std::string_view name) const;
    /// Parses a part's XML into `handler`, unpacking it piece by piece. Throws WorkbookError
    /// (the handler's own, a damaged part, a limit passed).
    void parse(std::string_view name, XmlHandler& handler);

  private:
    struct Zip;
    std::unique_ptr<Zip> zip_;
    const ReadLimits& limits_;
    std::uint64_t unpacked_ = 0;  // bytes unpacked so far, all parts together
};

}  // namespace ombuds::io::xlsx
