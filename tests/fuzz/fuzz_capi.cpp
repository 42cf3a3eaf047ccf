// SPDX-License-Identifier: MPL-2.0
// Fuzz target: a sequence of C API calls chosen by the input's bytes, with NULL, freed and
// closed handles among the arguments. No call may crash, abort or leak an exception; every
// returned string is freed with ombuds_free.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ombuds/ombuds.h"

namespace {

constexpr const char* fields[] = {
    "case_id",          "inquiry_id",     "citizen", "kind", "role",   "main_case_id",
    "received",         "first_response", "closed",  "unit", "theme",  "action",
    "rejection_reason", "matter_date",    "origin",  "note", "colour", ""};
constexpr const char* values[] = {
    "K1",        "K2",         "211062-5629", "complaint",   "staff",          "main",
    "follow_up", "2024-03-04", "2024-13-01",  "BSF-JOB-SDP", "EXT-UDK",        "no_reply",
    "process",   "meeting",    "rejected",    "time_barred", "own_initiative", "\xff\xfe",
    "",          "Klage",      "investigated"};
constexpr const char* requests[] = {
    R"({"from": "2024-01-01", "to": "2024-12-31"})",
    R"({"from": "2024-01-01", "to": "2024-12-31", "format": "html", "audience": "public"})",
    R"({"from": "2024-01-01", "to": "2024-12-31", "compare": false, "format": "md"})",
    R"({"from": "2024-12-31", "to": "2024-01-01"})",
    R"({"from": 5})",
    "[",
    "",
    R"({"format": "csv"})"};

class Bytes {
  public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
    bool empty() const { return at_ >= size_; }
    std::uint8_t next() { return at_ < size_ ? data_[at_++] : 0; }
    template <std::size_t N>
    const char* pick(const char* const (&table)[N]) {
        return table[next() % N];
    }
    /// Free text from the input itself, up to 64 bytes.
    std::string text() {
        std::size_t length = next() % 65;
        std::string out;
        while (length-- > 0 && !empty()) out += static_cast<char>(next());
        return out;
    }

  private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t at_ = 0;
};

void free_out(char* text) {
    ombuds_free(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Bytes in(data, size);
    ombuds_db* db = nullptr;
    ombuds_db* closed_db = nullptr;
    ombuds_record* rec = nullptr;
    ombuds_record* freed_rec = nullptr;
    ombuds_open(":memory:", nullptr, &db);
    ombuds_record_new(&rec);
    int steps = 0;
    while (!in.empty() && steps++ < 64) {
        char* out = nullptr;
        ombuds_db* target = in.next() % 8 == 0 ? (in.next() % 2 ? nullptr : closed_db) : db;
        ombuds_record* record = in.next() % 8 == 0 ? (in.next() % 2 ? nullptr : freed_rec) : rec;
        switch (in.next() % 14) {
            case 0:
                ombuds_record_set(record, in.pick(fields), in.pick(values));
                break;
            case 1: {
                auto text = in.text();
                ombuds_record_set(record, in.pick(fields), text.c_str());
                break;
            }
            case 2:
                ombuds_validate(target, record, &out);
                break;
            case 3:
                ombuds_insert(target, record, in.next() % 2 ? &out : nullptr);
                break;
            case 4:
                ombuds_delete_case(target, in.pick(values));
                break;
            case 5:
                ombuds_begin(target);
                break;
            case 6:
                ombuds_commit(target);
                break;
            case 7:
                ombuds_rollback(target);
                break;
            case 8:
                ombuds_report(target, in.pick(requests), &out);
                break;
            case 9:
                ombuds_record_clear(record);
                break;
            case 10:
                (void)ombuds_errmsg(target);
                break;
            case 11:  // close the handle, keep its pointer as a closed handle, open a new one
                if (db && !closed_db) {
                    ombuds_close(db);
                    closed_db = db;
                    db = nullptr;
                    ombuds_open(":memory:", nullptr, &db);
                }
                break;
            case 12:  // free the record, keep its pointer as a freed record
                if (rec && !freed_rec) {
                    ombuds_record_free(rec);
                    freed_rec = rec;
                    rec = nullptr;
                    ombuds_record_new(&rec);
                }
                break;
            case 13: {
                auto options = in.text();
                ombuds_db* other = nullptr;
                if (ombuds_open(":memory:", options.c_str(), &other) == OMBUDS_OK)
                    ombuds_close(other);
                break;
            }
        }
        free_out(out);
    }
    ombuds_record_free(rec);
    ombuds_close(db);
    // closed_db and freed_rec are never dereferenced: the library refuses them by their address.
    return 0;
}
