// Conditions on people (SPEC 3.3, 4.5): every name the decoder accepts (model/attributes)
// has a value in the evaluator (repo/conditions), so the two lists cannot drift apart.
#include "fixture.hpp"
#include "model/attributes.hpp"
#include "repo/conditions.hpp"
#include "repo/repository.hpp"

#include <doctest/doctest.h>

#include <set>
#include <string>

namespace mentorctl {
namespace {

TEST_CASE("conditions: every attribute name the decoder accepts has a value for a complete person") {
  test::TempRepo repo;
  repo.write("calendars/2026-27.yaml", "school_year: 2026-27\nfirst_day: 2026-09-07\nlast_day: 2027-06-04\n");
  repo.write("programs/p.yaml", "id: p\nname: Program P\nrequirements: []\n");
  repo.write("people/jdoe.yaml",
             "id: jdoe\nname: Jane Doe\nemail: jdoe@example.org\nroles: [mentor]\nprograms: [p]\n"
             "enrolled: 2026-08-01\nleft: 2027-06-30\ndistrict: North\nsite: Elm\nposition: teacher\n"
             "credential: Clear\ncareer_start: 2010-08-15\nposition_start: 2015-08-15\nrating: proficient\n"
             "capacity: 2\nsubjects: [math]\ngrades: ['5']\nattributes: {language: Spanish}\n");
  repo.write("people/pboss.yaml", "id: pboss\nname: Pat Boss\nroles: [principal]\n");
  repo.write("pairings/2026-27.yaml", "school_year: 2026-27\npairings: []\n");
  repo.write("applications/2026-27.yaml",
             "school_year: 2026-27\napplications:\n"
             "  - {person: jdoe, program: p, submitted: 2026-05-01, nominated_by: pboss, interview: passed, "
             "decision: selected}\n");
  const Records records = repo.load();
  REQUIRE(records.diagnostics.error_count() == 0);
  const Repository repository(records);
  const Person* person = repository.person("jdoe");
  REQUIRE(person != nullptr);
  std::vector<std::string> names = known_attribute_names();
  names.emplace_back("attributes.language");
  for (const std::string& name : names) {
    CAPTURE(name);
    Condition present;
    present.attribute = resolve_attribute(name);
    present.op = Condition::Op::present;
    present.present = true;
    const ConditionOutcome outcome =
        repository.conditions().evaluate(*person, present, "p", SchoolYear{2026}, *parse_date("2026-10-01"));
    if (name == "service_year") {
      continue;  // a count, 0 here: present either way
    }
    CHECK(outcome.holds);
  }
  Condition absent;
  absent.attribute = resolve_attribute("attributes.unknown");
  absent.op = Condition::Op::present;
  CHECK_FALSE(repository.conditions().evaluate(*person, absent, "p", SchoolYear{2026}, *parse_date("2026-10-01")).holds);
}

TEST_CASE("attribute names are resolved once: every known name reads a field of its own") {
  std::set<AttributeField> fields;
  for (const std::string& name : known_attribute_names()) {
    CAPTURE(name);
    const AttributeRef attribute = resolve_attribute(name);
    CHECK(attribute.name == name);
    CHECK(attribute.field != AttributeField::custom);
    if (attribute.field == AttributeField::application) {
      CHECK(attribute.key == name.substr(12));
    } else {
      CHECK(fields.insert(attribute.field).second);
    }
  }
  const AttributeRef custom = resolve_attribute("attributes.language");
  CHECK(custom.field == AttributeField::custom);
  CHECK(custom.key == "language");
  // A bare name that is no field reads the custom attribute of that name (matching).
  const AttributeRef bare = resolve_attribute("language");
  CHECK(bare.field == AttributeField::custom);
  CHECK(bare.key == "language");
  const AttributeRef application = resolve_attribute("application.interview");
  CHECK(application.field == AttributeField::application);
  CHECK(application.key == "interview");
  CHECK(fmt::format("{}", application) == "application.interview");
}

}  // namespace
}  // namespace mentorctl
