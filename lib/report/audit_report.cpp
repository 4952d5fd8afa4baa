#include "report/audit_report.hpp"

#include "util/utf8.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <map>

namespace mentorctl {
namespace {

std::string years_text(const AuditResult& result) {
  std::vector<std::string> labels;
  for (const auto year : result.school_years) {
    labels.push_back(format_school_year(year));
  }
  return labels.empty() ? std::string("no school year") : fmt::format("{}", fmt::join(labels, ", "));
}

// The period label, or `FROM..TO` for findings without one (milestones).
std::string period_text(const Finding& f) {
  return f.period ? *f.period : format_date(f.from) + ".." + format_date(f.to);
}

// The length of the valid UTF-8 sequence starting at `i` (at least 2 bytes), or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  unsigned min_second = 0x80;
  unsigned max_second = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    min_second = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
    max_second = lead == 0xED ? 0x9F : 0xBF;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    min_second = lead == 0xF0 ? 0x90 : 0x80;
    max_second = lead == 0xF4 ? 0x8F : 0xBF;  // at most U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) {
    return 0;
  }
  const auto second = static_cast<unsigned char>(text[i + 1]);
  if (second < min_second || second > max_second) {
    return 0;
  }
  for (std::size_t k = 2; k < length; ++k) {
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) {
      return 0;
    }
  }
  return length;
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

// The handbook text of a finding's requirement ("" when unknown).
const std::string& handbook_text(const AuditResult& result, const Finding& f) {
  static const std::string none;
  const AuditedRequirement* requirement = result.requirement_of(f);
  return requirement == nullptr ? none : requirement->text;
}

std::string styled(const std::string& text, fmt::terminal_color color, bool on, bool bold = false) {
  if (!on) {
    return text;
  }
  fmt::text_style style = fmt::fg(color);
  if (bold) {
    style |= fmt::emphasis::bold;
  }
  return fmt::format(style, "{}", text);
}

std::string status_label(const Finding& f, bool color) {
  std::string label = fmt::format("{:<5}", status_name(f.status));
  switch (f.status) {
    case FindingStatus::met:
      return styled(label, fmt::terminal_color::green, color);
    case FindingStatus::due:
      return styled(label, fmt::terminal_color::cyan, color);
    case FindingStatus::unmet:
      return styled(label,
                    f.severity == Severity::error ? fmt::terminal_color::red : fmt::terminal_color::yellow,
                    color, true);
  }
  return label;
}

std::string summary_line(const AuditResult& result) {
  const AuditSummary s = result.summary();
  std::size_t unmet_errors = 0;
  for (const auto& f : result.findings) {
    unmet_errors += f.status == FindingStatus::unmet && f.severity == Severity::error ? 1 : 0;
  }
  std::string line =
      fmt::format("Audit of {} as of {}: {} unmet", years_text(result), format_date(result.as_of), s.unmet);
  if (s.unmet > 0) {
    const std::size_t warnings = s.unmet - unmet_errors;
    line += fmt::format(" ({} error{}, {} warning{})", unmet_errors, unmet_errors == 1 ? "" : "s", warnings,
                        warnings == 1 ? "" : "s");
  }
  line += fmt::format(", {} due, {} met", s.due, s.met);
  if (s.record_errors > 0) {
    line +=
        fmt::format("; {} record{} with errors skipped", s.record_errors, s.record_errors == 1 ? "" : "s");
  }
  return line + "\n";
}

// One line of terminal text: a value's line breaks and tabs become spaces, any other
// control character a visible escape.
std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') {
      c = ' ';
    }
  }
  return visible_text(text);
}

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
  for (const char c : visible_text(text, true)) {
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
  std::string cell = text;
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
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

// A week or month finding's message with its period taken out ("0m of 1h in week {}"), and
// where the period stood; nothing when the message does not name its period once.
struct PeriodMessage {
  std::string_view unit;  // "week" or "month"
  std::size_t at = std::string::npos;
  std::size_t length = 0;
};

PeriodMessage period_in_message(const Finding& f) {
  if (!f.period) {
    return {};
  }
  for (const std::string_view unit : {std::string_view("week"), std::string_view("month")}) {
    const std::string needle = fmt::format(" in {} {}", unit, *f.period);
    const std::size_t at = f.message.find(needle);
    if (at != std::string::npos && f.message.find(needle, at + 1) == std::string::npos) {
      return {unit, at, needle.size()};
    }
  }
  return {};
}

// Whether `next` continues a run of unmet periods that `last` ends: the same pair and
// requirement, the next week or month, and the same words but for the period.
bool continues_run(const Finding& last, const Finding& next) {
  if (last.status != FindingStatus::unmet || next.status != FindingStatus::unmet ||
      last.program != next.program || last.requirement != next.requirement || last.mentor != next.mentor ||
      last.mentee != next.mentee || next.from != last.to + date::days{1}) {
    return false;
  }
  const PeriodMessage a = period_in_message(last);
  const PeriodMessage b = period_in_message(next);
  if (a.at == std::string::npos || b.at == std::string::npos || a.unit != b.unit) {
    return false;
  }
  return std::string_view(last.message).substr(0, a.at) == std::string_view(next.message).substr(0, b.at) &&
         std::string_view(last.message).substr(a.at + a.length) ==
             std::string_view(next.message).substr(b.at + b.length);
}

// The message of a run of periods first..last (two or more): "0m of 1h in each week from
// 2027-W06 to 2027-W08 (3 weeks)".
std::string run_message(const Finding& first, const Finding& last, std::size_t count) {
  const PeriodMessage at = period_in_message(first);
  return fmt::format("{} in each {} from {} to {} ({} {}s){}", first.message.substr(0, at.at), at.unit,
                     *first.period, *last.period, count, at.unit, first.message.substr(at.at + at.length));
}

// `first` then `rest`, wrapped at spaces to `width` columns with continuation lines indented
// by `indent`; one line as it is when `width` is 0 or it fits. `first_width` is the columns
// `first` takes (it may hold colour codes). A word never breaks.
std::string wrapped_line(const std::string& first, std::size_t first_width, const std::string& rest,
                         std::size_t indent, std::size_t width) {
  if (width == 0 || first_width + display_width(rest) <= width || width < indent + 20) {
    return first + rest + "\n";
  }
  std::string out = first;
  std::size_t used = first_width;
  bool line_empty = first.empty() || first.back() == ' ';  // no space needed before the next word
  std::size_t start = 0;
  while (start < rest.size()) {
    std::size_t end = rest.find(' ', start);
    end = end == std::string::npos ? rest.size() : end;
    const std::string_view word = std::string_view(rest).substr(start, end - start);
    start = end + 1;
    if (word.empty()) {
      continue;
    }
    const std::size_t w = display_width(word);
    if (used + (line_empty ? 0 : 1) + w > width && !(line_empty && used == indent)) {
      out.erase(out.find_last_not_of(' ') + 1);
      out += "\n" + std::string(indent, ' ');
      used = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++used;
    }
    out += word;
    used += w;
    line_empty = false;
  }
  return out + "\n";
}

std::string audit_text(const AuditResult& result, const AuditReportOptions& options) {
  std::map<std::string, std::string> names;
  for (const auto& program : result.programs) {
    names.emplace(program.id, program.name);
  }
  std::string out;
  const std::string* program = nullptr;
  const std::string* requirement = nullptr;
  std::size_t shown = 0;
  const auto& findings = result.findings;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    if (!listed(f, options)) {
      continue;
    }
    if (program == nullptr || *program != f.program) {
      const std::string& name = names[f.program];
      const std::string program_id = one_line(f.program);
      out += shown == 0 ? "" : "\n";
      out += wrapped_line(styled(program_id, fmt::terminal_color::blue, options.color, true),
                          display_width(program_id), name.empty() ? "" : " — " + one_line(name), 2,
                          options.width);
      program = &f.program;
      requirement = nullptr;
    }
    if (requirement == nullptr || *requirement != f.requirement) {
      const std::string id = one_line(f.requirement);
      const std::string kind = fmt::format(" ({}{})", requirement_type_name(f.type),
                                           f.severity == Severity::warning ? ", warning" : "");
      const std::string& text = handbook_text(result, f);
      const std::string head = "  " + (options.color ? fmt::format(fmt::emphasis::bold, "{}", id) : id) + kind +
                               (text.empty() ? "" : ": ");
      out += wrapped_line(head, 2 + display_width(id) + display_width(kind) + (text.empty() ? 0 : 2),
                          one_line(text), 6, options.width);
      requirement = &f.requirement;
    }
    // Consecutive unmet weeks or months of one pair, said alike, are one line (json, csv,
    // junit and github keep one finding per period).
    std::size_t last = i;
    while (last + 1 < findings.size() && continues_run(findings[last], findings[last + 1])) {
      ++last;
    }
    const std::string message = last == i ? f.message : run_message(f, findings[last], last - i + 1);
    const std::string subject = one_line(subject_text(f, " -> "));
    out += wrapped_line(fmt::format("    {}  {}: ", status_label(f, options.color), subject),
                        4 + 5 + 2 + display_width(subject) + 2, one_line(message), 11, options.width);
    shown += last - i + 1;
    i = last;
  }
  if (shown == 0) {
    const AuditSummary counts = result.summary();
    const std::string who = options.subject.empty() ? "" : " for " + options.subject;
    if (!options.nothing_listed.empty()) {
      out += options.nothing_listed + '\n';
    } else if (counts.met + counts.due + counts.unmet > 0) {
      out += fmt::format("Nothing unmet or due{}{}.\n", who,
                         options.include_met ? "" : fmt::format(" ({} met; --all lists them)", counts.met));
    } else if (result.record_errors > 0) {
      out += fmt::format(
          "No requirement applies{} to the records that loaded; {} left out "
          "(listed above; 'mentorctl check' shows them all).\n",
          who,
          result.record_errors == 1 ? std::string("1 record with errors was")
                                    : fmt::format("{} records with errors were", result.record_errors));
    } else {
      out += fmt::format("No requirement applies{} to the audited records.\n", who);
    }
  }
  if (options.summary) {
    std::string summary = summary_line(result);
    summary.pop_back();  // its newline
    out += (shown == 0 ? "" : "\n") + wrapped_line("", 0, summary, 2, options.width);
  }
  return out;
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
