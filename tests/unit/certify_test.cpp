// Certification (SPEC 6.6): each reason a criterion fails, required levels held or not,
// expiry arithmetic, and awards appended to certificates.yaml.
#include "rules/certify.hpp"
#include "fixture.hpp"
#include "write/award.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace mentorctl {
namespace {

const char* const kProgram =
    "id: p\nname: Program P\nrequirements: []\n"
    "certification:\n"
    "  levels:\n"
    "    - id: entry\n"
    "      name: Entry Level\n"
    "      valid_for: 1y\n"
    "      criteria:\n"
    "        - {id: rec, text: Recommendation, sign_off: [head-teacher, pcm]}\n"
    "        - {id: audit, text: Audit}\n"
    "    - id: mastery\n"
    "      name: Mastery Level\n"
    "      requires: [entry]\n"
    "      criteria:\n"
    "        - {id: standard, text: Standard}\n";

Date day(const char* text) { return *parse_date(text); }

struct Repo {
  test::TempRepo repo;
  Repo(const std::string& evidence, const std::string& certificates) {
    repo.write("calendars/2026-27.yaml",
               "school_year: 2026-27\nfirst_day: 2026-09-01\nlast_day: 2027-07-20\n");
    repo.write("programs/p.yaml", kProgram);
    repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\nprograms: [p]\n");
    repo.write("people/head.yaml", "id: head\nname: Head\nroles: [head-teacher]\n");
    repo.write("people/peer.yaml", "id: peer\nname: Peer\nroles: [mentor, teacher]\nprograms: [p]\n");
    if (!evidence.empty()) {
      repo.write("evidence/jdoe.yaml", "person: jdoe\nevidence:\n" + evidence);
    }
    if (!certificates.empty()) {
      repo.write("certificates.yaml", "certificates:\n" + certificates);
    }
  }
  LevelResult evaluate(const char* level, const char* as_of, std::size_t record_errors = 0) const {
    const Records records = repo.load();
    REQUIRE(records.record_errors() == record_errors);
    const Repository repository(records);
    const Program& program = *repository.program("p");
    return evaluate_level(repository, program, *program.level(level), "jdoe", day(as_of));
  }
  std::string read(const char* relative) const {
    std::ifstream in(repo.root() / relative, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

const char* const kAudit = "  - {criterion: entry/audit, date: 2026-10-01}\n";

TEST_CASE("certify: every criterion met and signed off by an allowed role") {
  const Repo r(std::string("  - {criterion: entry/rec, date: 2026-10-01, signed_off_by: head}\n") + kAudit,
               "");
  const LevelResult result = r.evaluate("entry", "2026-10-01");
  CHECK(result.met);
  CHECK(result.criteria.size() == 2);
  CHECK(result.criteria[0].reason.empty());
}

TEST_CASE("certify: the reason in words for each failing criterion") {
  SUBCASE("no evidence") {
    const Repo r(kAudit, "");
    const LevelResult result = r.evaluate("entry", "2026-11-01");
    CHECK_FALSE(result.met);
    CHECK(result.criteria[0].reason == "no evidence");
    CHECK(result.criteria[1].met);
  }
  SUBCASE("evidence dated after as-of") {
    const Repo r("  - {criterion: entry/rec, date: 2026-12-01, signed_off_by: head}\n", "");
    CHECK(r.evaluate("entry", "2026-11-30").criteria[0].reason ==
          "evidence dated 2026-12-01, after the as-of date 2026-11-30");
    CHECK(r.evaluate("entry", "2026-12-01").criteria[0].met);
  }
  SUBCASE("no sign-off where one is needed") {
    const Repo r("  - {criterion: entry/rec, date: 2026-10-01}\n", "");
    CHECK(r.evaluate("entry", "2026-11-01").criteria[0].reason ==
          "not signed off; needs a sign-off by head-teacher or pcm");
  }
  SUBCASE("signed off by someone without an allowed role") {
    const Repo r("  - {criterion: entry/rec, date: 2026-10-01, signed_off_by: peer}\n", "");
    CHECK(r.evaluate("entry", "2026-11-01").criteria[0].reason ==
          "signed off by peer, who holds mentor, teacher (allowed: head-teacher, pcm)");
  }
  SUBCASE("signed off by the person themself") {
    const Repo r("  - {criterion: entry/rec, date: 2026-10-01, signed_off_by: jdoe}\n", "");
    CHECK(r.evaluate("entry", "2026-11-01").criteria[0].reason ==
          "signed off by jdoe themself; needs a sign-off by head-teacher or pcm");
  }
  SUBCASE("signed off by someone whose person file has errors: cannot be verified") {
    Repo r("  - {criterion: entry/rec, date: 2026-10-01, signed_off_by: head}\n", "");
    r.repo.write("people/head.yaml", "id: head\n  name: Head\nroles: [head-teacher]\n");
    const LevelResult result = r.evaluate("entry", "2026-11-01", 1);
    CHECK_FALSE(result.criteria[0].met);
    CHECK(result.criteria[0].reason ==
          "signed off by head, whose person file has errors, "
          "so the sign-off cannot be verified (run 'mentorctl check')");
  }
  SUBCASE("no sign-off needed: evidence alone meets it") {
    const Repo r(kAudit, "");
    CHECK(r.evaluate("entry", "2026-11-01").criteria[1].met);
  }
}

TEST_CASE("certify: a required level missing, held through the day of expiry, not after") {
  const std::string mastery = "  - {criterion: mastery/standard, date: 2026-10-01}\n";
  SUBCASE("not awarded") {
    const Repo r(mastery, "");
    const LevelResult result = r.evaluate("mastery", "2026-11-01");
    CHECK(result.criteria[0].met);
    CHECK_FALSE(result.met);
    CHECK(result.requires_[0].reason == "not awarded");
  }
  SUBCASE("expiry") {
    const Repo r(mastery, "  - {person: jdoe, level: entry, awarded: 2025-11-01, expires: 2026-11-01}\n");
    CHECK(r.evaluate("mastery", "2026-11-01").met);
    const LevelResult after = r.evaluate("mastery", "2026-11-02");
    CHECK_FALSE(after.met);
    CHECK(after.requires_[0].reason == "expired on 2026-11-01");
  }
  SUBCASE("not yet valid") {
    const Repo r(mastery, "  - {person: jdoe, level: entry, awarded: 2026-12-01, expires: 2027-12-01}\n");
    CHECK(r.evaluate("mastery", "2026-11-01").requires_[0].reason == "not yet valid (awarded 2026-12-01)");
  }
}

TEST_CASE("certify: expiry clamps to the month's last day") {
  Level level;
  level.valid_for = parse_span("1mo");
  REQUIRE(level.valid_for);
  CHECK(format_date(*award_expiry(level, day("2027-01-31"))) == "2027-02-28");
  CHECK(format_date(*award_expiry(level, day("2028-01-31"))) == "2028-02-29");
  level.valid_for.reset();
  CHECK_FALSE(award_expiry(level, day("2027-01-31")));
}

TEST_CASE("certify --award: appends, keeps old bytes, refuses twice, allowed after expiry") {
  const std::string evidence =
      std::string("  - {criterion: entry/rec, date: 2026-10-01, signed_off_by: head}\n") + kAudit;
  const std::string old_text =
      "# the central record\r\ncertificates:\r\n"
      "  - {person: jdoe, level: entry, awarded: 2025-10-01, expires: 2026-10-01}  # old\r\n";
  Repo r(evidence, "");
  r.repo.write("certificates.yaml", old_text);
  const AwardRequest request{"jdoe", "entry", "", "head"};
  const auto award_on = [&](const char* as_of) {
    return write_records(
        r.repo.root(), [&](const Records& records) { return plan_award(records, request, day(as_of)); }, {});
  };
  SUBCASE("held unexpired: refused, nothing written") {
    const auto refused = award_on("2026-10-01");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("already holds entry") != std::string::npos);
    CHECK(r.read("certificates.yaml") == old_text);
  }
  SUBCASE("after expiry: appended, then refused a second time") {
    const auto first = award_on("2026-10-02");
    REQUIRE(first);
    const std::string text = r.read("certificates.yaml");
    CHECK(text.rfind(old_text, 0) == 0);
    CHECK(text.substr(old_text.size()) ==
          "  - person: jdoe\r\n    program: p\r\n    level: entry\r\n    awarded: 2026-10-02\r\n"
          "    awarded_by: head\r\n    expires: 2027-10-02\r\n");
    const Records records = r.repo.load();
    CHECK(records.certificates.size() == 2);
    const auto second = award_on("2026-10-03");
    CHECK_FALSE(second);
    CHECK(r.read("certificates.yaml") == text);
  }
  SUBCASE("level not met: refused with the reason") {
    Repo unmet(kAudit, "");
    const auto refused = write_records(
        unmet.repo.root(),
        [&](const Records& records) { return plan_award(records, request, day("2026-11-01")); }, {});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("rec: no evidence") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(unmet.repo.root() / "certificates.yaml"));
  }
}

}  // namespace
}  // namespace mentorctl
