// The decoder of each kind of record file (SPEC 2-5), as the loader calls them: once for
// the top-level keys of a file of one mapping (settings, calendar, person, program), and
// once for each item of a file of one list (pairings, log entries, ...). A record with an
// error is left out; everything wrong goes to the file's diagnostics.
#pragma once

#include "load/decode.hpp"
#include "load/discovery.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

/// One file being decoded: where it is, what its records are added to, its decoder.
struct FileScope {
  const FileContext& context;
  Records& out;
  Decoder& d;

  [[nodiscard]] Source source_of(const Node& node) const { return Source{context.index, node.mark}; }
  /// "the log file": how messages name the file's top-level mapping.
  [[nodiscard]] std::string what() const;
  /// `value`, the file's school_year, must equal the year of the file's name.
  void check_school_year(const Node* value);
  /// `value`, the id under `key`, must equal the file's name.
  void check_id_matches(const Node* value, std::string_view key);
  /// The date under `key` of `item` must lie inside the file's school year.
  void check_inside_year(const Node& item, std::string_view key, Date day);
};

/// Free text no command prints (SPEC 6.4: pairing and evidence notes, observation
/// evidence, the notes of confidential log entries) is not kept once decoded: only
/// whether there was some, so it never sits in memory or in the cache of parsed files.
std::string withheld(const std::string& text);

/// Where `key` is written in the map `n` (its key, not its value); the map's own mark when absent.
Mark key_mark(const Node& n, std::string_view key);

// Files of one mapping (decode_headers.cpp, decode_program.cpp).
void decode_settings(FileScope& f, const Node& n);
void decode_calendar(FileScope& f, const Node& n);
void decode_person(FileScope& f, const Node& n);
void decode_program(FileScope& f, const Node& n);

// Items of the files of one list (decode_items.cpp).
void decode_pairing(FileScope& f, const Node& item);
void decode_log_entry(FileScope& f, const Node& item);
void decode_observation(FileScope& f, const Node& item);
void decode_session(FileScope& f, const Node& item);
void decode_application(FileScope& f, const Node& item);
void decode_evidence(FileScope& f, const Node& item);
void decode_certificate(FileScope& f, const Node& item);

/// How one kind of file is decoded.
struct KindDecoder {
  FileKind kind;
  /// A file of one mapping: decodes it whole once it is read.
  void (*decode_mapping)(FileScope&, const Node&) = nullptr;
  /// A file of one list: the list's key ("entries"), the keys beside it, the one of those
  /// that must equal the file's name ("" for none), and the decoder of one item.
  const char* list_key = nullptr;
  std::vector<std::string_view> header_keys;
  std::string_view id_key;
  void (*decode_item)(FileScope&, const Node&) = nullptr;
};

/// The decoder of `kind`.
const KindDecoder& kind_decoder(FileKind kind);

}  // namespace mentorctl
