// Diagnostics: "did you mean" only for likely typos, the per-file limit, escaped text.
#include "model/diagnostics.hpp"
#include "model/diagnostic_codes.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
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

TEST_CASE("a limit keeps the first diagnostics and counts the rest in one line") {
  Diagnostics d;
  d.error("a.yaml", {1, 1}, "x", "before the limit");
  d.limit(3);
  for (std::uint32_t line = 2; line <= 9; ++line) {
    d.error("b.yaml", {line, 1}, "bad-value", "bad");
  }
  d.warning("b.yaml", {10, 1}, "not-yaml", "odd");
  d.end_limit();
  d.error("c.yaml", {1, 1}, "x", "after the limit");
  REQUIRE(d.size() == 7);
  CHECK(d.items()[3].file == "b.yaml");
  CHECK(d.items()[4].mark.line == 5);  // where the first one left out was
  CHECK(d.items()[4].code == "too-many-diagnostics");
  CHECK(d.items()[4].message == "and 5 more errors in this file (not listed); fix the ones above first");
  CHECK(d.items()[5].severity == Severity::warning);
  CHECK(d.items()[5].message == "and 1 more warning in this file (not listed); fix the ones above first");
  CHECK(d.error_count() == 1 + 8 + 1);
  CHECK(d.warning_count() == 1);
  Diagnostics few;
  few.limit(3);
  few.warning("b.yaml", {1, 1}, "not-yaml", "odd");
  few.end_limit();
  CHECK(few.size() == 1);  // nothing left out: no summary line
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

TEST_CASE("the table of diagnostic codes is the one docs/format.md lists") {
  std::ifstream in(std::string(MENTORCTL_SOURCE_DIR) + "/docs/format.md");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const auto start = doc.find("## Diagnostic codes");
  REQUIRE(start != std::string::npos);
  const std::string section = doc.substr(start, doc.find("\n## ", start + 1) - start);
  // `| \`code\` | severity | meaning |`, the meaning's `marks` written as quotes.
  const std::regex row(R"(\| `([a-z0-9-]+)` \| [^|]* \| (.*) \|)");
  std::vector<std::pair<std::string, std::string>> documented;
  for (std::sregex_iterator it(section.begin(), section.end(), row), end; it != end; ++it) {
    documented.emplace_back((*it)[1], std::regex_replace((*it)[2].str(), std::regex("`([^`]*)`"), "'$1'"));
  }
  std::vector<std::pair<std::string, std::string>> table;
  for (const auto& entry : diagnostic_codes()) {
    table.emplace_back(entry.code, entry.meaning);
  }
  CHECK(documented.size() > 40);
  CHECK(table == documented);
  CHECK(std::string(diagnostic_code_meaning("bad-date")) == "not a real 'YYYY-MM-DD' date");
  CHECK(diagnostic_code_meaning("no-such-code") == nullptr);
}

}  // namespace
}  // namespace mentorctl
