#include "report/audit_report.hpp"

#include "util/utf8.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace mentorctl {
namespace {

// The period label, or `FROM..TO` for findings without one (milestones).
std::string period_text(const Finding& f) {
  return f.period ? *f.period : format_date(f.from) + ".." + format_date(f.to);
}

// The length of the valid UTF-8 sequence starting at `i`, or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  std::size_t end = i;
  return next_code_point(text, end) < 0 ? 0 : end - i;
}

std::string value_text(const FindingValue& value) {
  if (const auto* whole = std::get_if<std::int64_t>(&value)) {
    return std::to_string(*whole);
  }
  if (const auto* number = std::get_if<double>(&value)) {
    return fmt::format("{}", *number);
  }
  if (const auto* text = std::get_if<std::string>(&value)) {
    return *text;
  }
  return {};
}

// Appends a JSON string: escapes as RFC 8259 requires and replaces bytes that are not
// UTF-8 with U+FFFD (so the output is always valid JSON).
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        default:
          if (c < 0x20) {
            out += fmt::format("\\u{:04x}", c);
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  out += '"';
}

void json_text_member(std::string& out, const char* key, std::string_view value, bool first = false) {
  out += first ? "\"" : ", \"";
  out += key;
  out += "\": ";
  append_json_string(out, value);
}

void json_optional_member(std::string& out, const char* key, const std::optional<std::string>& value) {
  if (value) {
    json_text_member(out, key, *value);
  } else {
    out += fmt::format(", \"{}\": null", key);
  }
}

void json_value_member(std::string& out, const char* key, const FindingValue& value) {
  if (const auto* text = std::get_if<std::string>(&value)) {
    json_text_member(out, key, *text);
  } else if (std::holds_alternative<std::monostate>(value) ||
             (std::holds_alternative<double>(value) && !std::isfinite(std::get<double>(value)))) {
    out += fmt::format(", \"{}\": null", key);
  } else {
    out += fmt::format(", \"{}\": {}", key, value_text(value));
  }
}

}  // namespace

// The handbook text of a finding's requirement ("" when unknown).
const std::string& handbook_text(const AuditResult& result, const Finding& f) {
  static const std::string none;
  const AuditedRequirement* requirement = result.requirement_of(f);
  return requirement == nullptr ? none : requirement->text;
}

namespace {

// XML 1.0 text: escapes markup and drops control characters it cannot hold.
std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += "&#10;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') {
          out += c;
        }
    }
  }
  return out;
}

// GitHub workflow command escaping: data escapes % CR LF; properties also : and ,. Other
// control characters (an ESC recolouring the log) become visible escapes first.
std::string github_escape(const std::string& text, bool property) {
  std::string out;
  for (const char c : visible_text(text, "\r\n")) {
    if (c == '%') {
      out += "%25";
    } else if (c == '\r') {
      out += "%0D";
    } else if (c == '\n') {
      out += "%0A";
    } else if (property && c == ':') {
      out += "%3A";
    } else if (property && c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

std::string csv_value_cell(const FindingValue& value) {
  if (std::holds_alternative<std::string>(value)) {
    return csv_text_cell(std::get<std::string>(value));
  }
  return value_text(value);  // numbers as numbers; null as an empty cell
}

std::string csv_optional_cell(const std::optional<std::string>& value) {
  return value ? csv_text_cell(*value) : std::string{};
}

}  // namespace

bool listed(const Finding& finding, const AuditReportOptions& options) {
  return options.include_met || finding.status != FindingStatus::met;
}

std::string csv_text_cell(const std::string& text) {
  std::string cell;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    cell += '\'';
  }
  // Every control character but tab is made visible, line breaks too: a row is one line,
  // so no cell recolours the terminal it is printed on or starts a line a CI log would
  // read as a command (a line "::error ...").
  cell += visible_text(text, "\t");
  if (cell.find_first_of(",\"\r\n") == std::string::npos) {
    return cell;
  }
  std::string quoted = "\"";
  for (const char c : cell) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

std::string subject_text(const Finding& f, const char* separator) {
  if (f.mentor && f.mentee) {
    return *f.mentor + separator + *f.mentee;
  }
  return f.mentor ? *f.mentor : f.mentee.value_or("");
}

void finding_json(std::string& out, const Finding& f) {
  out += '{';
  json_text_member(out, "status", status_name(f.status), true);
  json_text_member(out, "severity", severity_name(f.severity));
  json_text_member(out, "program", f.program);
  json_text_member(out, "requirement", f.requirement);
  json_text_member(out, "type", requirement_type_name(f.type));
  json_optional_member(out, "mentor", f.mentor);
  json_optional_member(out, "mentee", f.mentee);
  json_optional_member(out, "period", f.period);
  json_text_member(out, "from", format_date(f.from));
  json_text_member(out, "to", format_date(f.to));
  json_value_member(out, "required", f.required);
  json_value_member(out, "actual", f.actual);
  json_text_member(out, "unit", unit_name(f.unit));
  json_text_member(out, "message", f.message);
  json_text_member(out, "source", f.source);
  if (f.unverified != 0) {  // incomplete: whose person file has errors (only then present)
    const char* separator = ", \"unverified\": [";
    for (const std::string& id : unverified_people(f)) {
      out += separator;
      append_json_string(out, id);
      separator = ", ";
    }
    out += ']';
  }
  out += '}';
}

std::string audit_json(const AuditResult& result, const AuditReportOptions& options) {
  using nlohmann::ordered_json;
  const AuditSummary s = result.summary();
  ordered_json years = ordered_json::array();
  for (const auto year : result.school_years) {
    years.push_back(format_school_year(year));
  }
  const ordered_json summary = {
      {"met", s.met}, {"due", s.due}, {"unmet", s.unmet}, {"record_errors", s.record_errors}};
  std::string out = "{\n  \"mentorctl\": 1,\n";
  out += fmt::format("  \"as_of\": \"{}\",\n", format_date(result.as_of));
  out += fmt::format("  \"school_years\": {},\n", years.dump());
  out += fmt::format("  \"summary\": {},\n", summary.dump());
  out += "  \"findings\": [";
  // One finding per line, written directly: a million findings never become a JSON tree,
  // and the text is sized once rather than regrown (a finding takes about 350 bytes).
  out.reserve(out.size() + 360 * static_cast<std::size_t>(
                                     std::count_if(result.findings.begin(), result.findings.end(),
                                                   [&](const Finding& f) { return listed(f, options); })));
  bool first = true;
  for (const auto& f : result.findings) {
    if (!listed(f, options)) {
      continue;
    }
    out += first ? "\n    " : ",\n    ";
    first = false;
    finding_json(out, f);
  }
  out += first ? "]\n}\n" : "\n  ]\n}\n";
  return out;
}

std::string audit_csv(const AuditResult& result, const AuditReportOptions& options) {
  std::string out =
      "status,severity,program,requirement,type,mentor,mentee,period,from,to,required,actual,unit,message\n";
  for (const auto& f : result.findings) {
    if (!listed(f, options)) {
      continue;
    }
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", status_name(f.status),
                       severity_name(f.severity), csv_text_cell(f.program), csv_text_cell(f.requirement),
                       requirement_type_name(f.type), csv_optional_cell(f.mentor),
                       csv_optional_cell(f.mentee), csv_optional_cell(f.period), format_date(f.from),
                       format_date(f.to), csv_value_cell(f.required), csv_value_cell(f.actual),
                       unit_name(f.unit), csv_text_cell(f.message));
  }
  return out;
}

std::string audit_junit(const AuditResult& result, const AuditReportOptions& options) {
  struct Suite {
    std::string cases;
    std::size_t tests = 0;
    std::size_t failures = 0;
    std::size_t skipped = 0;
  };
  std::map<std::string, Suite> suites;
  for (const auto& program : result.programs) {
    suites[program.id];
  }
  for (const auto& f : result.findings) {
    if (!listed(f, options)) {
      continue;
    }
    Suite& suite = suites[f.program];
    ++suite.tests;
    const std::string name = fmt::format("{} {} {}", f.requirement, subject_text(f, "/"), period_text(f));
    std::string body;
    const std::string details = xml_escape(fmt::format(
        "{}\nfrom {} to {}; required {}, actual {} ({})\n{}", handbook_text(result, f), format_date(f.from),
        format_date(f.to), value_text(f.required), value_text(f.actual), unit_name(f.unit), f.source));
    if (f.status == FindingStatus::unmet) {
      ++suite.failures;
      body = fmt::format("\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    ",
                         xml_escape(f.message), severity_name(f.severity), details);
    } else if (f.status == FindingStatus::due) {
      ++suite.skipped;
      body = fmt::format("\n      <skipped message=\"{}\"/>\n    ", xml_escape("due: " + f.message));
    }
    suite.cases += fmt::format("    <testcase name=\"{}\" classname=\"{}.{}\">{}</testcase>\n",
                               xml_escape(name), xml_escape(f.program), xml_escape(f.requirement), body);
  }
  std::size_t tests = 0;
  std::size_t failures = 0;
  std::size_t skipped = 0;
  std::string body;
  for (const auto& [program, suite] : suites) {
    tests += suite.tests;
    failures += suite.failures;
    skipped += suite.skipped;
    body += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}"
        "  </testsuite>\n",
        xml_escape(program), suite.tests, suite.failures, suite.skipped, suite.cases);
  }
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"mentorctl audit\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
      "skipped=\"{}\">\n{}</testsuites>\n",
      tests, failures, skipped, body);
}

std::string audit_github(const AuditResult& result, const std::string& checkout_prefix) {
  std::string out;
  for (const auto& f : result.findings) {
    if (f.status != FindingStatus::unmet) {
      continue;
    }
    const std::string title = fmt::format("{} {}", f.program, f.requirement);
    const std::string& text = handbook_text(result, f);
    const std::string message =
        fmt::format("{}: {}{}", subject_text(f, " -> "), f.message, text.empty() ? "" : " — " + text);
    out += fmt::format("::{} file={},line={},title={}::{}\n",
                       f.severity == Severity::error ? "error" : "warning",
                       github_escape(checkout_prefix + f.records.file, true), f.records.line,
                       github_escape(title, true), github_escape(message, false));
  }
  return out;
}

}  // namespace mentorctl
