// "Did you mean": offered only when the word is a likely typo of the candidate.
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

}  // namespace
}  // namespace mentorctl
