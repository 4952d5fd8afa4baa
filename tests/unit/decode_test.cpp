// Turning YAML nodes into typed values (SPEC 2, 3, 7): each wrong value gets one
// diagnostic with its code and place, and marks the record being decoded as bad.
#include "load/decode.hpp"
#include "fixture.hpp"

#include <doctest/doctest.h>

#include <string>
#include <string_view>

namespace mentorctl {
namespace {

using test::TempRepo;

// One small document and a decoder writing to its own diagnostics.
struct Decoded {
  explicit Decoded(std::string_view yaml) {
    REQUIRE(read_yaml_tree(yaml, path, diagnostics, root));
    REQUIRE(diagnostics.size() == 0);
    decoder.begin_record();
  }
  [[nodiscard]] const Node* at(std::string_view key) const { return root.find(key); }
  // The only diagnostic so far, as `line:column code: message`; "" when there is none.
  [[nodiscard]] std::string only() const {
    REQUIRE(diagnostics.size() <= 1);
    if (diagnostics.size() == 0) {
      return "";
    }
    const Diagnostic& d = diagnostics.items().front();
    return std::to_string(d.mark.line) + ":" + std::to_string(d.mark.column) + " " + d.code + ": " +
           d.message;
  }

  std::string path = "logs/2026-27/jdoe.yaml";
  Diagnostics diagnostics;
  Node root;
  Decoder decoder{path, diagnostics};
};

bool has_code(const Records& r, const std::string& code, std::uint32_t line) {
  for (const auto& d : r.diagnostics.items()) {
    if (d.code == code && d.mark.line == line) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_SUITE("decode") {
  TEST_CASE("durations in hours and minutes, in whole minutes") {
    Decoded in("a: 1h30m\nb: 1.5h\nc: 45m\nd: 90m\ne: 1h\nf: 0.25h\ng: 2h5m\n");
    CHECK(in.decoder.duration(in.at("a"), "duration") == 90);
    CHECK(in.decoder.duration(in.at("b"), "duration") == 90);
    CHECK(in.decoder.duration(in.at("c"), "duration") == 45);
    CHECK(in.decoder.duration(in.at("d"), "duration") == 90);
    CHECK(in.decoder.duration(in.at("e"), "duration") == 60);
    CHECK(in.decoder.duration(in.at("f"), "duration") == 15);
    CHECK(in.decoder.duration(in.at("g"), "duration") == 125);
    CHECK(in.only().empty());
    CHECK(in.decoder.record_ok());
  }

  TEST_CASE("a bare number is not a duration: the unit is ambiguous") {
    Decoded in("mentee: asmith\nduration: 60\n");
    CHECK_FALSE(in.decoder.duration(in.at("duration"), "duration").has_value());
    CHECK(in.only() == "2:11 bad-duration: 'duration' needs a unit: write 60m or 60h, not a bare number");
    CHECK_FALSE(in.decoder.record_ok());
  }

  TEST_CASE("a bare decimal is not a duration either") {
    Decoded in("duration: 1.5\n");
    CHECK_FALSE(in.decoder.duration(in.at("duration"), "duration").has_value());
    CHECK(in.only() == "1:11 bad-duration: 'duration' needs a unit: write 1.5m or 1.5h, not a bare number");
  }

  TEST_CASE("a fraction of a minute is not a duration") {
    // 1.01h is 60.6 minutes.
    Decoded in("duration: 1.01h\n");
    CHECK_FALSE(in.decoder.duration(in.at("duration"), "duration").has_value());
    CHECK(in.only() ==
          "1:11 bad-duration: '1.01h' is not a duration for 'duration'; write e.g. 45m, 1h, 1h30m or "
          "1.5h (whole minutes)");
  }

  TEST_CASE("malformed durations") {
    for (const char* text : {"1.5m", "1h30", "30m1h", "-1h", "h", "1 h", "an hour"}) {
      INFO(text);
      Decoded in(std::string("duration: \"") + text + "\"\n");
      CHECK_FALSE(in.decoder.duration(in.at("duration"), "duration").has_value());
      CHECK(in.diagnostics.items().at(0).code == "bad-duration");
    }
  }

  TEST_CASE("a log entry lasts more than 0m and at most 24h") {
    TempRepo repo;
    repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\nprograms: [p]\n");
    repo.write("people/asmith.yaml", "id: asmith\nname: Al Smith\nroles: [mentee]\nprograms: [p]\n");
    repo.write("programs/p.yaml", "id: p\nname: P\n");
    repo.write("pairings/2026-27.yaml",
               "school_year: 2026-27\npairings:\n  - {mentor: jdoe, mentee: asmith, program: p, start: "
               "2026-08-24}\n");
    repo.write("logs/2026-27/jdoe.yaml",
               "mentor: jdoe\nentries:\n"
               "  - {date: 2026-09-14, mentee: asmith, duration: 0m}\n"     // line 3
               "  - {date: 2026-09-15, mentee: asmith, duration: 24h}\n"    // line 4: the most
               "  - {date: 2026-09-16, mentee: asmith, duration: 24h1m}\n"  // line 5
               "  - {date: 2026-09-17, mentee: asmith, duration: 1m}\n");   // line 6: the least
    const Records r = repo.load();
    CHECK(has_code(r, "bad-duration", 3));
    CHECK_FALSE(has_code(r, "bad-duration", 4));
    CHECK(has_code(r, "bad-duration", 5));
    CHECK_FALSE(has_code(r, "bad-duration", 6));
    REQUIRE(r.logs.size() == 2);
    CHECK(r.logs[0].minutes == 24 * 60);
    CHECK(r.logs[1].minutes == 1);
  }

  TEST_CASE("dates that do not exist") {
    Decoded in("a: 2027-02-30\n");
    CHECK_FALSE(in.decoder.date(in.at("a"), "date").has_value());
    CHECK(in.only() == "1:4 bad-date: '2027-02-30' is not a real date for 'date'; February 2027 has 28 days");
    CHECK_FALSE(in.decoder.record_ok());
    SUBCASE("29 February only in a leap year") {
      Decoded leap("a: 2027-02-29\nb: 2028-02-29\n");
      CHECK_FALSE(leap.decoder.date(leap.at("a"), "start").has_value());
      CHECK(leap.decoder.date(leap.at("b"), "start") == parse_date("2028-02-29"));
      CHECK(leap.only() ==
            "1:4 bad-date: '2027-02-29' is not a real date for 'start'; February 2027 has 28 days");
    }
    SUBCASE("the 31st of a 30-day month") {
      Decoded april("a: 2026-04-31\n");
      CHECK_FALSE(april.decoder.date(april.at("a"), "date").has_value());
      CHECK(april.only() ==
            "1:4 bad-date: '2026-04-31' is not a real date for 'date'; April 2026 has 30 days");
    }
    SUBCASE("month 13") {
      Decoded month("a: 2026-13-01\n");
      CHECK_FALSE(month.decoder.date(month.at("a"), "date").has_value());
      CHECK(
          month.only() ==
          "1:4 bad-date: '2026-13-01' is not a real date for 'date'; there is no month 13; write YYYY-MM-DD");
    }
  }

  TEST_CASE("a date is YYYY-MM-DD, plain or quoted, and nothing else") {
    Decoded in("a: \"2026-09-14\"\nb: '2026-09-14'\n");
    CHECK(in.decoder.date(in.at("a"), "date") == parse_date("2026-09-14"));
    CHECK(in.decoder.date(in.at("b"), "date") == parse_date("2026-09-14"));
    CHECK(in.only().empty());
    for (const char* text :
         {"2026-9-14", "20260914", "14/09/2026", "2026-09-14T10:00:00", "2026-09-14 10:00"}) {
      INFO(text);
      Decoded bad(std::string("date: ") + text + "\n");
      CHECK_FALSE(bad.decoder.date(bad.at("date"), "date").has_value());
      CHECK(bad.only() == std::string("1:7 bad-date: '") + text +
                              "' is not a real date for 'date'; write YYYY-MM-DD, e.g. 2026-09-14");
    }
  }

  TEST_CASE("unknown keys, with 'did you mean' when one is close") {
    Decoded in("entry:\n  date: 2026-09-14\n  mentee: asmith\n  duraton: 1h\n");
    CHECK(in.decoder.expect_map(*in.at("entry"), "a log entry", {"date", "mentee", "duration"}));
    CHECK(in.only() == "4:3 unknown-field: unknown field 'duraton' in a log entry; did you mean 'duration'?");
    CHECK_FALSE(in.decoder.record_ok());
  }

  TEST_CASE("an unknown key with nothing close lists the known fields") {
    Decoded in("entry:\n  date: 2026-09-14\n  minutes: 60\n");
    CHECK(in.decoder.expect_map(*in.at("entry"), "a log entry", {"date", "mentee", "duration"}));
    CHECK(in.only() ==
          "3:3 unknown-field: unknown field 'minutes' in a log entry; known fields: date, mentee, "
          "duration");
  }

  TEST_CASE("a list where a mapping belongs") {
    Decoded in("entry:\n  - date\n");
    CHECK_FALSE(in.decoder.expect_map(*in.at("entry"), "a log entry", {"date"}));
    CHECK(in.only() == "2:3 wrong-type: a log entry must be a mapping of 'key: value' lines, not a list");
  }

  TEST_CASE("a missing required field") {
    Decoded in("pairing:\n  mentor: jdoe\n");
    CHECK(in.decoder.required(*in.at("pairing"), "start", "a pairing") == nullptr);
    CHECK(in.only() == "2:3 missing-field: a pairing has no 'start'; add 'start: ...'");
    CHECK_FALSE(in.decoder.record_ok());
    CHECK(in.decoder.required(*in.at("pairing"), "mentor", "a pairing") == in.at("pairing")->find("mentor"));
  }

  TEST_CASE("wrong types: an id") {
    SUBCASE("a number") {
      Decoded in("mentee: 42\n");
      CHECK_FALSE(in.decoder.id(in.at("mentee"), "mentee").has_value());
      CHECK(in.only() ==
            "1:9 wrong-type: 'mentee' must be an id, not the number 42; quote it if it is an id");
    }
    SUBCASE("a quoted number is an id") {
      Decoded in("mentee: \"42\"\n");
      CHECK(in.decoder.id(in.at("mentee"), "mentee") == "42");
      CHECK(in.only().empty());
    }
    SUBCASE("a mapping") {
      Decoded in("mentee: {id: asmith}\n");
      CHECK_FALSE(in.decoder.id(in.at("mentee"), "mentee").has_value());
      CHECK(in.only() == "1:9 wrong-type: 'mentee' must be an id, not a mapping");
    }
    SUBCASE("empty") {
      Decoded in("mentee:\n");
      CHECK_FALSE(in.decoder.id(in.at("mentee"), "mentee").has_value());
      CHECK(in.only().find("wrong-type: 'mentee' is empty; give an id or remove the line") !=
            std::string::npos);
    }
  }

  TEST_CASE("ids: lowercase, at most 64 characters, no '..'") {
    const std::string longest(64, 'a');
    Decoded in("a: " + longest + "\nb: " + longest + "a\nc: Jane\nd: a..b\ne: -x\nf: j.doe_2-b\n");
    CHECK(in.decoder.id(in.at("a"), "id") == longest);
    CHECK(in.decoder.id(in.at("f"), "id") == "j.doe_2-b");
    CHECK(in.diagnostics.size() == 0);
    for (const char* key : {"b", "c", "d", "e"}) {
      INFO(key);
      const std::size_t before = in.diagnostics.size();
      CHECK_FALSE(in.decoder.id(in.at(key), "id").has_value());
      REQUIRE(in.diagnostics.size() == before + 1);
      CHECK(in.diagnostics.items().back().code == "bad-id");
    }
  }

  TEST_CASE("wrong types: text, booleans, whole numbers, lists") {
    SUBCASE("a boolean where text belongs") {
      Decoded in("notes: true\n");
      CHECK_FALSE(in.decoder.text(in.at("notes"), "notes").has_value());
      CHECK(in.only() == "1:8 wrong-type: 'notes' must be text, not the boolean true; quote it: \"true\"");
    }
    SUBCASE("a number is text") {
      Decoded in("grade: 3\n");
      CHECK(in.decoder.text(in.at("grade"), "grade") == "3");
    }
    SUBCASE("yes is text in YAML 1.2, not a boolean") {
      Decoded in("confidential: yes\n");
      CHECK_FALSE(in.decoder.boolean(in.at("confidential"), "confidential").has_value());
      CHECK(in.only() == "1:15 wrong-type: 'confidential' must be true or false, not the text \"yes\"");
    }
    SUBCASE("booleans") {
      Decoded in("a: true\nb: False\n");
      CHECK(in.decoder.boolean(in.at("a"), "a") == true);
      CHECK(in.decoder.boolean(in.at("b"), "b") == false);
    }
    SUBCASE("a whole number") {
      Decoded in("a: 2\nb: two\nc: -1\nd: 2.5\ne: \"2\"\n");
      CHECK(in.decoder.count(in.at("a"), "capacity") == 2);
      CHECK(in.diagnostics.size() == 0);
      CHECK_FALSE(in.decoder.count(in.at("b"), "capacity").has_value());
      CHECK_FALSE(in.decoder.count(in.at("c"), "capacity").has_value());
      CHECK_FALSE(in.decoder.count(in.at("d"), "capacity").has_value());
      CHECK_FALSE(in.decoder.count(in.at("e"), "capacity").has_value());
      REQUIRE(in.diagnostics.size() == 4);
      CHECK(in.diagnostics.items()[0].message ==
            "'capacity' must be a whole number ≥ 0, not the text \"two\"");
      CHECK(in.diagnostics.items()[0].code == "wrong-type");
      CHECK(in.diagnostics.items()[1].message == "'capacity' must be a whole number ≥ 0, not the number -1");
      CHECK(in.diagnostics.items()[1].code == "bad-value");
      CHECK(in.diagnostics.items()[2].code == "wrong-type");
      CHECK(in.diagnostics.items()[3].code == "wrong-type");
    }
    SUBCASE("one value where a list belongs") {
      Decoded in("roles: mentor\n");
      CHECK(in.decoder.id_list(in.at("roles"), "roles").empty());
      CHECK(in.only() == "1:8 wrong-type: 'roles' must be a list, even with one element: write [mentor]");
    }
    SUBCASE("a mapping where a list belongs") {
      Decoded in("roles: {a: 1}\n");
      CHECK(in.decoder.list(in.at("roles"), "roles") == nullptr);
      CHECK(in.only() == "1:8 wrong-type: 'roles' must be a list, not a mapping");
    }
  }

  TEST_CASE("a list keeps its good items and reports each bad one") {
    Decoded in("roles: [mentor, Mentee, 3, pcm]\n");
    const auto roles = in.decoder.id_list(in.at("roles"), "roles");
    REQUIRE(roles.size() == 2);
    CHECK(roles[0].id == "mentor");
    CHECK(roles[1].id == "pcm");
    CHECK(roles[1].mark.line == 1);
    CHECK(roles[1].mark.column == 28);
    REQUIRE(in.diagnostics.size() == 2);
    CHECK(in.diagnostics.items()[0].code == "bad-id");
    CHECK(in.diagnostics.items()[0].mark.column == 17);
    CHECK(in.diagnostics.items()[1].code == "wrong-type");
    CHECK(in.diagnostics.items()[1].mark.column == 25);
  }

  TEST_CASE("a warning leaves the record good, an error marks it until the next record") {
    Decoded in("a: 1\n");
    in.decoder.warning({1, 1}, "some-warning", "careful");
    CHECK(in.decoder.record_ok());
    in.decoder.error({1, 1}, "some-error", "wrong");
    CHECK_FALSE(in.decoder.record_ok());
    in.decoder.begin_record();
    CHECK(in.decoder.record_ok());
    REQUIRE(in.diagnostics.size() == 2);
    CHECK(in.diagnostics.items()[0].severity == Severity::warning);
    CHECK(in.diagnostics.items()[1].severity == Severity::error);
    CHECK(in.diagnostics.items()[1].file == "logs/2026-27/jdoe.yaml");
  }

  TEST_CASE("money: at most two decimals, in cents") {
    Decoded in("a: 1500\nb: 1250.50\nc: 0.5\nd: 12.345\ne: \"1500\"\n");
    CHECK(in.decoder.money(in.at("a"), "amount") == 150000);
    CHECK(in.decoder.money(in.at("b"), "amount") == 125050);
    CHECK(in.decoder.money(in.at("c"), "amount") == 50);
    CHECK(in.diagnostics.size() == 0);
    CHECK_FALSE(in.decoder.money(in.at("d"), "amount").has_value());
    CHECK_FALSE(in.decoder.money(in.at("e"), "amount").has_value());
    REQUIRE(in.diagnostics.size() == 2);
    CHECK(in.diagnostics.items()[0].message ==
          "'12.345' is not an amount of money for 'amount'; write a number with at most two decimals, e.g. "
          "1500 or "
          "1250.50");
    CHECK(in.diagnostics.items()[1].code == "bad-money");
  }

  TEST_CASE("one of a fixed set of words, with a suggestion") {
    Decoded in("interview: pased\n");
    CHECK_FALSE(
        in.decoder.choice(in.at("interview"), "interview", {"scheduled", "passed", "failed"}).has_value());
    CHECK(in.only() ==
          "1:12 bad-value: 'pased' is not allowed for 'interview'; use one of: scheduled, passed, failed "
          "(did you mean 'passed'?)");
  }

  TEST_CASE("school years and spans") {
    Decoded in("a: 2026-27\nb: 2026-28\nc: 14d\nd: 6mo\ne: 2 weeks\n");
    CHECK(in.decoder.school_year(in.at("a"), "school_year") == SchoolYear{2026});
    CHECK(in.diagnostics.size() == 0);
    CHECK_FALSE(in.decoder.school_year(in.at("b"), "school_year").has_value());
    CHECK(in.diagnostics.items().back().message ==
          "'2026-28' is not a school year for 'school_year'; write it like 2026-27");
    const auto days = in.decoder.span(in.at("c"), "within");
    REQUIRE(days.has_value());
    CHECK(days->count == 14);
    CHECK(days->unit == Span::Unit::days);
    const auto months = in.decoder.span(in.at("d"), "during");
    REQUIRE(months.has_value());
    CHECK(months->count == 6);
    CHECK(months->unit == Span::Unit::months);
    CHECK_FALSE(in.decoder.span(in.at("e"), "within").has_value());
    CHECK(in.diagnostics.items().back().code == "bad-span");
  }

  TEST_CASE("unknown keys in a record file drop that record only") {
    TempRepo repo;
    repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\nprograms: [p]\n");
    repo.write("people/asmith.yaml",
               "id: asmith\nname: Al Smith\nroles: [mentee]\nprograms: [p]\nsubjets: [math]\n");
    repo.write("programs/p.yaml", "id: p\nname: P\n");
    const Records r = repo.load();
    REQUIRE(r.people.size() == 1);
    CHECK(r.people[0].id == "jdoe");
    REQUIRE(r.diagnostics.error_count() == 1);
    const Diagnostic& d = r.diagnostics.items().front();
    CHECK(d.file == "people/asmith.yaml");
    CHECK(d.mark.line == 5);
    CHECK(d.code == "unknown-field");
    CHECK(d.message.find("did you mean 'subjects'?") != std::string::npos);
  }
}

}  // namespace mentorctl
