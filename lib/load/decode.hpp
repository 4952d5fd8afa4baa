// Turning YAML nodes into typed values, with a diagnostic for every problem.
#pragma once

#include "model/dates.hpp"
#include "model/diagnostics.hpp"
#include "model/records.hpp"
#include "yaml/reader.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorctl {

/// Decodes the nodes of one file. Tracks whether the record being decoded had an error,
/// so that a bad record is left out while the rest of the file is kept.
class Decoder {
 public:
  Decoder(const std::string& path, Diagnostics& diagnostics) : path_(path), diagnostics_(diagnostics) {}

  void begin_record() {
    record_ok_ = true;
    confidential_ = false;
  }
  /// The record being decoded is confidential: hints never quote its values, and its
  /// diagnostics are marked so that its lines are never shown with them.
  void set_confidential(bool confidential) { confidential_ = confidential; }
  /// Whether `item` has a `confidential` key that is not plainly false (read before
  /// anything else is reported).
  static bool marked_confidential(const Node& item);
  [[nodiscard]] bool record_ok() const { return record_ok_; }
  void error(Mark mark, std::string code, std::string message);
  void warning(Mark mark, std::string code, std::string message);
  [[nodiscard]] const std::string& path() const { return path_; }

  /// Checks that `node` is a mapping whose keys are all in `allowed` (`what` names it in
  /// messages: "a log entry"). Returns false when it is not a mapping.
  bool expect_map(const Node& node, std::string_view what,
                  std::initializer_list<std::string_view> allowed);
  /// Reports an attribute name that names nothing (SPEC 3.3, 4.5): an error, or for
  /// matching, where a bare unknown name reads as attributes.<name> (SPEC 6.5), a warning
  /// naming both readings.
  void check_attribute(const std::string& name, Mark mark, bool bare_is_custom);
  bool expect_map(const Node& node, std::string_view what, const std::vector<std::string_view>& allowed);
  /// The value of a required key, or nullptr after a missing-field error.
  const Node* required(const Node& map, std::string_view key, std::string_view what);

  std::optional<std::string> id(const Node* node, std::string_view field);
  std::optional<Reference> reference(const Node* node, std::string_view field);
  std::optional<std::string> text(const Node* node, std::string_view field);
  std::optional<Date> date(const Node* node, std::string_view field);
  std::optional<std::int64_t> duration(const Node* node, std::string_view field);
  std::optional<Span> span(const Node* node, std::string_view field);
  std::optional<std::int64_t> money(const Node* node, std::string_view field);
  std::optional<std::int64_t> count(const Node* node, std::string_view field);
  std::optional<double> number(const Node* node, std::string_view field);
  std::optional<bool> boolean(const Node* node, std::string_view field);
  std::optional<SchoolYear> school_year(const Node* node, std::string_view field);
  /// The name of a person attribute (`site`, `attributes.language`): non-empty text.
  std::optional<std::string> attribute_name(const Node* node, std::string_view field);
  /// One of a fixed set of words.
  std::optional<std::string> choice(const Node* node, std::string_view field,
                                    std::initializer_list<std::string_view> options);
  std::optional<std::string> choice(const Node* node, std::string_view field,
                                    const std::vector<std::string_view>& options);
  /// A scalar that is not null, as text (for `equals`, `in`).
  std::optional<std::string> scalar_text(const Node* node, std::string_view field);

  std::vector<Reference> id_list(const Node* node, std::string_view field);
  std::vector<std::string> text_list(const Node* node, std::string_view field);
  std::vector<Date> date_list(const Node* node, std::string_view field);

  /// The items of a list, or nullptr after a wrong-type error.
  const std::vector<Node>* list(const Node* node, std::string_view field);

 private:
  bool expect_scalar(const Node& node, std::string_view field, std::string_view expected);

  const std::string& path_;
  Diagnostics& diagnostics_;
  bool record_ok_ = true;
  bool confidential_ = false;
};

/// Adds to `out` the people and programs an item of a `kind` file names (a pairing's
/// mentor, mentee and program, a session's attendees, ...) that are well-formed ids: kept
/// when the item is left out for an error, so that `check` still reports an unknown one
/// (Records::rejected_references).
void keep_rejected_references(const Node& item, FileKind kind, const Source& source,
                              std::vector<RejectedReference>& out);

}  // namespace mentorctl
