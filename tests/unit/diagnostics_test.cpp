// Diagnostics: "did you mean" only for likely typos, and escaped text.
#include "model/diagnostics.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace mentorctl {
namespace {

TEST_CASE("closest_match: typos are offered, distant words are not") {
  const std::vector<std::string> log_fields = {"date", "mentee", "duration", "kind", "topics", "notes"};
  CHECK(closest_match("duraton", log_fields) == "duration");  // one letter left out
  CHECK(closest_match("topcis", log_fields) == "topics");     // two letters swapped: one edit
  CHECK(closest_match("kinds", log_fields) == "kind");
  CHECK(closest_match("nots", log_fields) == "notes");
  CHECK(closest_match("minutes", log_fields).empty());  // three edits from "mentee": not a typo
  CHECK(closest_match("hours", log_fields).empty());
  CHECK(closest_match("", log_fields).empty());
  CHECK(closest_match("date", {}).empty());
  // Eleven letters allow three edits.
  CHECK(closest_match("requirments", {"requirements", "name"}) == "requirements");
}

TEST_CASE("format_diagnostic shows control characters as escapes") {
  const Diagnostic d{"people/x\n::error::y\x1b.yaml",
                     {2, 3},
                     Severity::error,
                     "bad-date",
                     "'2026\x07\r\n::error file=a::b' is not a date\xff"};
  CHECK(format_diagnostic(d) ==
        "people/x\\n::error::y\\x1b.yaml:2:3: error: '2026\\x07\\r\\n::error file=a::b' is not a date\\xff "
        "[bad-date]");
  const Diagnostic plain{"people/é.yaml", {1, 1}, Severity::warning, "c", "tab\there \u202e"};
  CHECK(format_diagnostic(plain) == "people/é.yaml:1:1: warning: tab\\there \\u202e [c]");
}

}  // namespace
}  // namespace mentorctl
