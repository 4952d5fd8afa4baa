// Audit output formats (SPEC 6.2, 6.4): text, json, csv, junit, github.
#include "report/audit_report.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mentorctl {
namespace {

Date day(const char* text) { return *parse_date(text); }

Finding weekly_hour() {
  Finding f;
  f.status = FindingStatus::unmet;
  f.program = "wv";
  f.requirement = "weekly-hour";
  f.type = RequirementType::hours;
  f.mentor = "jdoe";
  f.mentee = "asmith";
  f.period = "2026-W38";
  f.from = day("2026-09-14");
  f.to = day("2026-09-20");
  f.required = std::int64_t{60};
  f.actual = std::int64_t{30};
  f.unit = FindingUnit::minutes;
  f.message = "30m of 1h in week 2026-W38";
  f.source = "programs/wv.yaml:12";
  f.records = {"logs/2026-27/jdoe.yaml", 1};
  return f;
}

Finding matched_due() {
  Finding f;
  f.status = FindingStatus::due;
  f.program = "wv";
  f.requirement = "matched";
  f.requirement_index = 1;
  f.type = RequirementType::matched_within;
  f.mentee = "=cmd";
  f.period = "2026-27";
  f.from = day("2026-08-10");
  f.to = day("2026-09-09");
  f.required = std::int64_t{30};
  f.unit = FindingUnit::days;
  f.message = "not paired yet, \"soon\"";
  f.source = "programs/wv.yaml:20";
  f.records = {"pairings/2026-27.yaml", 1};
  return f;
}

Finding rating_warning() {
  Finding f;
  f.status = FindingStatus::unmet;
  f.severity = Severity::warning;
  f.program = "zz";
  f.requirement = "rated";
  f.type = RequirementType::eligibility;
  f.mentor = "jdoe";
  f.period = "2026-27";
  f.from = day("2026-08-19");
  f.to = day("2027-06-04");
  f.required = std::string("proficient, distinguished");
  f.actual = std::string("-basic");
  f.unit = FindingUnit::value;
  f.message = "rating is '-basic': 100%\nsure";
  f.source = "programs/zz.yaml:7";
  f.records = {"people/jdoe.yaml", 1};
  return f;
}

Finding years_met() {
  Finding f;
  f.status = FindingStatus::met;
  f.program = "zz";
  f.requirement = "experienced";
  f.requirement_index = 1;
  f.type = RequirementType::eligibility;
  f.mentor = "jdoe";
  f.period = "2026-27";
  f.from = day("2026-08-19");
  f.to = day("2027-06-04");
  f.required = 2.5;
  f.actual = std::int64_t{-3};
  f.unit = FindingUnit::count;
  f.message = "experience is -3";
  f.source = "programs/zz.yaml:9";
  return f;
}

AuditResult sample() {
  AuditResult result;
  result.as_of = day("2026-12-01");
  result.school_years = {SchoolYear{2026}};
  result.programs = {
      {"empty", "No findings", {}},
      {"wv",
       "Walnut Valley",
       {{"weekly-hour", RequirementType::hours, Severity::error, "Meet at least one hour per week",
         "programs/wv.yaml:12"},
        {"matched", RequirementType::matched_within, Severity::error, "", "programs/wv.yaml:20"}}},
      {"zz",
       "Zed",
       {{"rated", RequirementType::eligibility, Severity::warning, "Proficient <or> better & more",
         "programs/zz.yaml:7"},
        {"experienced", RequirementType::eligibility, Severity::error, "", "programs/zz.yaml:9"}}}};
  result.findings = {weekly_hour(), matched_due(), rating_warning(), years_met()};
  result.record_errors = 2;
  return result;
}

}  // namespace

TEST_SUITE("audit_report") {
  TEST_CASE("csv: header, null as empty, numbers as numbers, escaped text") {
    SUBCASE("text cells") {
      CHECK(csv_text_cell("plain") == "plain");
      CHECK(csv_text_cell("=SUM(A1)") == "'=SUM(A1)");
      CHECK(csv_text_cell("+1") == "'+1");
      CHECK(csv_text_cell("-1") == "'-1");
      CHECK(csv_text_cell("@x") == "'@x");
      CHECK(csv_text_cell("\tx") == "'\tx");
      // Line breaks and other control characters are made visible: one line per row.
      CHECK(csv_text_cell("\rx") == "'\\rx");
      CHECK(csv_text_cell("a\nb") == "a\\nb");
      CHECK(csv_text_cell("a\x1b[31m\x07") == "a\\x1b[31m\\x07");
      CHECK(csv_text_cell("a\tb") == "a\tb");
      CHECK(csv_text_cell("a,b") == "\"a,b\"");
      CHECK(csv_text_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
      CHECK(csv_text_cell("") == "");
    }
    SUBCASE("rows") {
      const std::string csv = audit_csv(sample(), AuditReportOptions{true, false, true, {}});
      CHECK(csv ==
            "status,severity,program,requirement,type,mentor,mentee,period,from,to,required,actual,unit,"
            "message\n"
            "unmet,error,wv,weekly-hour,hours,jdoe,asmith,2026-W38,2026-09-14,2026-09-20,60,30,minutes,"
            "30m of 1h in week 2026-W38\n"
            "due,error,wv,matched,matched-within,,'=cmd,2026-27,2026-08-10,2026-09-09,30,,days,"
            "\"not paired yet, \"\"soon\"\"\"\n"
            "unmet,warning,zz,rated,eligibility,jdoe,,2026-27,2026-08-19,2027-06-04,\"proficient, "
            "distinguished\","
            "'-basic,value,rating is '-basic': 100%\\nsure\n"
            "met,error,zz,experienced,eligibility,jdoe,,2026-27,2026-08-19,2027-06-04,2.5,-3,count,"
            "experience is -3\n");
    }
    SUBCASE("met findings are left out without --all") {
      const std::string csv = audit_csv(sample(), AuditReportOptions{});
      CHECK(csv.find("experienced") == std::string::npos);
      CHECK(csv.find("weekly-hour") != std::string::npos);
    }
  }

  TEST_CASE("json: the SPEC 6.2 shape") {
    const auto json = nlohmann::ordered_json::parse(audit_json(sample(), AuditReportOptions{}));
    std::vector<std::string> keys;
    for (const auto& item : json.items()) {
      keys.push_back(item.key());
    }
    CHECK(keys == std::vector<std::string>{"mentorctl", "as_of", "school_years", "summary", "findings"});
    CHECK(json["mentorctl"] == 1);
    CHECK(json["as_of"] == "2026-12-01");
    CHECK(json["school_years"] == nlohmann::ordered_json::array({"2026-27"}));
    // The summary counts met findings even when they are not listed.
    CHECK(json["summary"].dump() == R"({"met":1,"due":1,"unmet":2,"record_errors":2})");
    REQUIRE(json["findings"].size() == 3);
    CHECK(json["findings"][0].dump() ==
          R"({"status":"unmet","severity":"error","program":"wv","requirement":"weekly-hour","type":"hours",)"
          R"("mentor":"jdoe","mentee":"asmith","period":"2026-W38","from":"2026-09-14","to":"2026-09-20",)"
          R"("required":60,"actual":30,"unit":"minutes","message":"30m of 1h in week 2026-W38",)"
          R"("source":"programs/wv.yaml:12"})");
    CHECK(json["findings"][1]["mentor"].is_null());
    CHECK(json["findings"][1]["actual"].is_null());
    CHECK(json["findings"][2]["required"] == "proficient, distinguished");
    const auto all =
        nlohmann::ordered_json::parse(audit_json(sample(), AuditReportOptions{true, false, true, {}}));
    CHECK(all["findings"][3]["required"] == 2.5);
    CHECK(all["findings"][3]["actual"] == -3);
  }

  TEST_CASE("json: text is escaped, and bytes that are not UTF-8 are replaced") {
    AuditResult result = sample();
    result.findings.resize(1);
    result.findings[0].message = std::string("tab\there \"q\" back\\slash \x01 caf\xC3\xA9 bad\xFF end");
    const std::string json = audit_json(result, AuditReportOptions{});
    CHECK(json.find(R"("message": "tab\there \"q\" back\\slash \u0001 caf)"
                    "\xC3\xA9"
                    R"( bad)"
                    "\xEF\xBF\xBD"
                    R"( end")") != std::string::npos);
    const auto parsed = nlohmann::ordered_json::parse(json);
    CHECK(parsed["findings"][0]["message"] ==
          "tab\there \"q\" back\\slash \x01 caf\xC3\xA9 bad\xEF\xBF\xBD end");
  }

  TEST_CASE("json: no findings gives an empty list") {
    AuditResult result = sample();
    result.findings.clear();
    const auto parsed = nlohmann::ordered_json::parse(audit_json(result, AuditReportOptions{}));
    CHECK(parsed["findings"].is_array());
    CHECK(parsed["findings"].empty());
  }

  TEST_CASE("junit: a testsuite per program, unmet fails, due is skipped") {
    const std::string xml = audit_junit(sample(), AuditReportOptions{});
    CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0);
    CHECK(
        xml.find(
            "<testsuites name=\"mentorctl audit\" tests=\"3\" failures=\"2\" errors=\"0\" skipped=\"1\">") !=
        std::string::npos);
    CHECK(xml.find("<testsuite name=\"empty\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">") !=
          std::string::npos);
    CHECK(xml.find("<testsuite name=\"wv\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"1\">") !=
          std::string::npos);
    CHECK(xml.find("<testcase name=\"weekly-hour jdoe/asmith 2026-W38\" classname=\"wv.weekly-hour\">") !=
          std::string::npos);
    CHECK(xml.find("<failure message=\"30m of 1h in week 2026-W38\" type=\"error\">") != std::string::npos);
    CHECK(xml.find("<testcase name=\"matched =cmd 2026-27\"") != std::string::npos);
    CHECK(xml.find("<skipped message=\"due: not paired yet, &quot;soon&quot;\"/>") != std::string::npos);
    CHECK(xml.find("Proficient &lt;or&gt; better &amp; more") != std::string::npos);
    CHECK(xml.find("<or>") == std::string::npos);
  }

  TEST_CASE("github: one command per unmet finding, where the records belong") {
    CHECK(
        audit_github(sample(), "") ==
        "::error file=logs/2026-27/jdoe.yaml,line=1,title=wv weekly-hour::jdoe -> asmith: 30m of 1h in week "
        "2026-W38 — Meet at least one hour per week\n"
        "::warning file=people/jdoe.yaml,line=1,title=zz rated::jdoe: rating is '-basic': 100%25%0Asure — "
        "Proficient <or> better & more\n");
  }

  TEST_CASE("github: the checkout prefix goes before every file, escaped as the file is") {
    const std::string out = audit_github(sample(), "sub/a,b:c/");
    CHECK(out.find("::error file=sub/a%2Cb%3Ac/logs/2026-27/jdoe.yaml,line=1,") == 0);
    CHECK(out.find("::warning file=sub/a%2Cb%3Ac/people/jdoe.yaml,line=1,") != std::string::npos);
  }

  TEST_CASE("text: grouped by program and requirement, with a summary") {
    const std::string text = audit_text(sample(), AuditReportOptions{});
    CHECK(text ==
          "wv — Walnut Valley\n"
          "  weekly-hour (hours): Meet at least one hour per week\n"
          "    unmet  jdoe -> asmith: 30m of 1h in week 2026-W38\n"
          "  matched (matched-within)\n"
          "    due    =cmd: not paired yet, \"soon\"\n"
          "\n"
          "zz — Zed\n"
          "  rated (eligibility, warning): Proficient <or> better & more\n"
          "    unmet  jdoe: rating is '-basic': 100% sure\n"
          "\n"
          "Audit of 2026-27 as of 2026-12-01: 2 unmet (1 error, 1 warning), 1 due, 1 met; "
          "2 records with errors skipped\n");
    SUBCASE("nothing to list") {
      AuditResult quiet = sample();
      quiet.findings = {years_met()};
      quiet.record_errors = 0;
      CHECK(audit_text(quiet, AuditReportOptions{}) ==
            "Nothing unmet or due (1 met; --all lists them).\nAudit of 2026-27 as of 2026-12-01: 0 unmet, 0 "
            "due, "
            "1 met\n");
      CHECK(audit_text(quiet, AuditReportOptions{false, false, false, "jdoe"}) ==
            "Nothing unmet or due for jdoe (1 met; --all lists them).\n");
    }
    SUBCASE("colour") {
      const std::string coloured = audit_text(sample(), AuditReportOptions{false, true, true, {}});
      CHECK(coloured.find("\x1b[") != std::string::npos);
    }
  }

  TEST_CASE("text: wrapped at spaces to the terminal's width, continuation lines indented") {
    AuditResult result = sample();
    result.findings.resize(1);
    result.record_errors = 0;
    AuditReportOptions options{false, false, false, {}};
    options.width = 40;
    CHECK(audit_text(result, options) ==
          "wv — Walnut Valley\n"
          "  weekly-hour (hours): Meet at least one\n"
          "      hour per week\n"
          "    unmet  jdoe -> asmith: 30m of 1h in\n"
          "           week 2026-W38\n");
    SUBCASE("width 0 (not a terminal) never wraps") {
      options.width = 0;
      CHECK(audit_text(result, options).find("Meet at least one hour per week\n") != std::string::npos);
    }
    SUBCASE("a line that fits stays whole") {
      options.width = 60;
      CHECK(audit_text(result, options) ==
            "wv — Walnut Valley\n"
            "  weekly-hour (hours): Meet at least one hour per week\n"
            "    unmet  jdoe -> asmith: 30m of 1h in week 2026-W38\n");
    }
  }

  TEST_CASE("text: consecutive unmet weeks of one pair, said alike, are one line, other formats keep each") {
    // W38, W39, W40 unmet alike; W41 unmet with other words; W43 after a gap (W42 not listed);
    // then another mentee's W44. Expected lines written by hand.
    auto week = [](const char* period, const char* from, const char* to, const char* actual) {
      Finding f = weekly_hour();
      f.period = period;
      f.from = day(from);
      f.to = day(to);
      f.message = fmt::format("{} of 1h in week {}", actual, period);
      return f;
    };
    AuditResult result = sample();
    result.findings = {week("2026-W38", "2026-09-14", "2026-09-20", "0m"),
                       week("2026-W39", "2026-09-21", "2026-09-27", "0m"),
                       week("2026-W40", "2026-09-28", "2026-10-04", "0m"),
                       week("2026-W41", "2026-10-05", "2026-10-11", "30m"),
                       week("2026-W43", "2026-10-19", "2026-10-25", "30m"),
                       week("2026-W44", "2026-10-26", "2026-11-01", "30m"),
                       week("2026-W45", "2026-11-02", "2026-11-08", "30m")};
    result.findings[5].mentee = "bjones";
    result.findings[6].mentee = "bjones";
    result.record_errors = 0;
    CHECK(audit_text(result, AuditReportOptions{false, false, false, {}}) ==
          "wv — Walnut Valley\n"
          "  weekly-hour (hours): Meet at least one hour per week\n"
          "    unmet  jdoe -> asmith: 0m of 1h in each week from 2026-W38 to 2026-W40 (3 weeks)\n"
          "    unmet  jdoe -> asmith: 30m of 1h in week 2026-W41\n"
          "    unmet  jdoe -> asmith: 30m of 1h in week 2026-W43\n"
          "    unmet  jdoe -> bjones: 30m of 1h in each week from 2026-W44 to 2026-W45 (2 weeks)\n");
    SUBCASE("a due or met period breaks the run") {
      result.findings[1].status = FindingStatus::met;
      const std::string text = audit_text(result, AuditReportOptions{true, false, false, {}});
      CHECK(text.find("0m of 1h in week 2026-W38\n") != std::string::npos);
      CHECK(text.find("0m of 1h in week 2026-W40\n") != std::string::npos);
    }
    SUBCASE("json keeps one finding per period") {
      CHECK(nlohmann::json::parse(audit_json(result, AuditReportOptions{}))["findings"].size() == 7);
    }
  }
}

}  // namespace mentorctl
