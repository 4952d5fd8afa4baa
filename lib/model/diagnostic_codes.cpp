#include "model/diagnostic_codes.hpp"

namespace mentorctl {

const std::vector<DiagnosticCode>& diagnostic_codes() {
  // The table of docs/format.md ("Diagnostic codes"), its `code` marks as quotes; a unit
  // test keeps the two equal.
  static const std::vector<DiagnosticCode> codes = {
      {"yaml-syntax", "the file is not valid YAML"},
      {"tab-indent", "a tab character in indentation"},
      {"merge-conflict", "an unresolved git conflict marker"},
      {"duplicate-key", "a key given twice in one mapping"},
      {"anchor-alias", "anchors, aliases or merge keys"},
      {"yaml-tag", "an explicit tag such as '!!str'"},
      {"too-deep", "nesting deeper than 64"},
      {"too-many-values", "more than 100,000 values in one field or list item"},
      {"file-too-large", "a file over 16 MiB"},
      {"not-utf8", "bytes that are not UTF-8"},
      {"empty-file", "an empty file"},
      {"not-a-file", "a folder or special file where a record file belongs"},
      {"symlink-outside", "a symlink leading outside the repository"},
      {"unreadable", "the file or folder cannot be read ('check' then exits 2: what it holds is unknown)"},
      {"too-many-diagnostics",
       "a file had more than 50 diagnostics: the first 50 are listed, then one line counts the errors left "
       "out and one the warnings"},
      {"not-yaml", "a file in a record folder that is not '*.yaml'"},
      {"unknown-field", "a key the format does not have"},
      {"missing-field", "a required key is absent"},
      {"wrong-type", "a value of the wrong YAML type"},
      {"bad-value", "a value outside its allowed set or range"},
      {"bad-id", "an id that breaks the id pattern"},
      {"bad-date", "not a real 'YYYY-MM-DD' date"},
      {"bad-duration", "not a duration"},
      {"bad-span", "not a span"},
      {"bad-money", "not an amount of money"},
      {"bad-school-year", "not a school-year label, or a label that differs from the file's"},
      {"id-mismatch", "the id inside differs from the file name"},
      {"bad-format-version", "'mentorctl:' is not 1"},
      {"duplicate-id", "two things with one id (requirements, sessions, criteria, levels, emails)"},
      {"unknown-person", "a reference to nobody"},
      {"unknown-attribute",
       "an attribute name that is no person field, derived attribute, 'attributes.<name>' or "
       "'application.<field>'; in 'require'/'prefer' a bare unknown name reads as 'attributes.<name>'"},
      {"unknown-program", "a reference to no program"},
      {"unknown-requirement", "'completes' / stipend 'requires' naming no such requirement"},
      {"unknown-session", "a session id that does not exist"},
      {"unknown-criterion", "evidence for a criterion no program defines"},
      {"unknown-level", "a certification level that does not exist"},
      {"wrong-role", "a person without the role their place needs"},
      {"self-pairing", "a mentor paired with themself"},
      {"bad-range", "a start after its end"},
      {"outside-school-year", "a record dated outside its file's school year"},
      {"overlapping-pairing", "two pairings of one mentor, mentee and program overlap"},
      {"missing-log-field", "a log entry without a field its program's 'log_fields' requires"},
      {"ambiguous-program", "a reference that needs 'program:' because several programs fit"},
      {"no-pairing", "a log entry or observation with no active pairing to count for"},
      {"missing-calendar", "a school year with records and no calendar"},
      {"past-left", "a pairing that runs past a person's 'left'"},
      {"missing-enrolled", "a mentee without 'enrolled' in a program with a matched-within rule"},
      {"duplicate-attendee", "one person listed twice in a session"},
      {"uncounted-kind",
       "('check' only) a session kind no training requirement counts, close to one they do"},
      {"unused-kind", "('check' only) a requirement's 'kinds' entry no record uses, close to one they do"},
      {"future-date",
       "('check' only) log entries, observations or attended sessions dated after today or '--as-of', one "
       "per file"},
  };
  return codes;
}

const char* diagnostic_code_meaning(std::string_view code) {
  for (const auto& entry : diagnostic_codes()) {
    if (entry.code == code) {
      return entry.meaning;
    }
  }
  return nullptr;
}

}  // namespace mentorctl
