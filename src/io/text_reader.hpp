// SPDX-License-Identifier: MPL-2.0
// Case files that are text: CSV as Danish spreadsheets write it (`;`, `,` or tab; UTF-8 with or
// without BOM or Windows-1252; CRLF, LF or CR; quoted fields) and JSON Lines.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string_view>

#include "record_builder.hpp"

namespace ombuds::io {

/// Decodes the bytes, finds how the file is written (CaseFile::layout) and reads its records,
/// CSV or JSON Lines as CaseFile::format says.
void read_text(std::string_view bytes, RecordBuilder& builder);

/// A piece of a file read in pieces: the file from `offset` to as far as it is read.
struct Piece {
    std::string_view text;
    std::size_t offset = 0;  // where text starts in the file
    bool last = false;       // text reaches the file's end
};
/// Reads the next piece, keeping the file from `keep_from` on (a record begun in the piece
/// before); nullopt when the file cannot be read in pieces after all (it grew while read).
using ReadPiece = std::function<std::optional<Piece>(std::size_t keep_from)>;

enum class PiecesRead {
    read,        // the whole file, as read_text() reads it
    unsuitable,  // nothing handed over: read the file whole
    abandoned,   // records were handed over, and the file must be read whole again
};

/// Reads a CSV file while it is still being read, from its first piece: each piece is checked
/// as read_text() checks a whole file, and the records parsed so far are handed over. A file
/// that is not UTF-8 after all, holds a control character, has more lines than its first piece
/// promised or grows while read is abandoned, to be read whole the usual way.
PiecesRead read_csv_in_pieces(Piece first, std::size_t file_size, const ReadPiece& read_piece,
                              RecordBuilder& builder);

}  // namespace ombuds::io
