#include "report/sarif_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>

namespace mentorctl {
namespace {

using nlohmann::ordered_json;

constexpr const char* sarif_schema =
    "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";

std::string dump(const ordered_json& value) {
  // Text that is not UTF-8 (a file name, a quoted value) becomes U+FFFD: always valid JSON.
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A repository-relative path as a relative URI reference: every byte but the unreserved
// characters and '/' percent-encoded (a space, '#', '%', '?', a byte that is not ASCII).
std::string relative_uri(const std::string& path) {
  std::string out;
  for (const char c : path) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += fmt::format("%{:02X}", u);
    }
  }
  return out;
}

// What a checkout-relative uri is relative to (SARIF 3.14.14).
constexpr const char* checkout_base_id = "SRCROOT";

// `file` (relative to the records root) in an artifactLocation: with a checkout prefix,
// relative to the top of the git work tree, the base `checkout_base_id` names.
ordered_json physical_location(const std::string& file, std::uint32_t line, std::uint32_t column,
                               const std::optional<std::string>& checkout_prefix) {
  ordered_json region = {{"startLine", std::max<std::uint32_t>(line, 1)}};
  if (column > 0) {
    region["startColumn"] = column;
  }
  ordered_json artifact = {{"uri", relative_uri(checkout_prefix.value_or("") + file)}};
  if (checkout_prefix) {
    artifact["uriBaseId"] = checkout_base_id;
  }
  return {{"physicalLocation", {{"artifactLocation", std::move(artifact)}, {"region", region}}}};
}

// The SARIF log around one run: `{"$schema", "version", "runs": [{tool, columnKind,
// properties, results}]}`, the results written one per line by `write_results`.
template <typename WriteResults>
std::string sarif_log(const std::string& version, ordered_json rules, ordered_json properties,
                      const std::optional<std::string>& checkout_prefix, WriteResults&& write_results) {
  ordered_json driver = {
      {"name", "mentorctl"}, {"version", version}, {"semanticVersion", version}, {"rules", std::move(rules)}};
  std::string out = fmt::format(
      "{{\n  \"$schema\": \"{}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n", sarif_schema);
  out += fmt::format("      \"tool\": {{\"driver\": {}}},\n", dump(driver));
  // Columns count characters, as the carets of `check`'s text do.
  out += "      \"columnKind\": \"unicodeCodePoints\",\n";
  if (checkout_prefix) {
    // Where the run was is not written (the log stays the same on every machine): a
    // consumer such as code scanning knows its checkout.
    const ordered_json bases = {
        {checkout_base_id,
         {{"description", {{"text", "The top of the git work tree holding the records"}}}}}};
    out += fmt::format("      \"originalUriBaseIds\": {},\n", dump(bases));
  }
  out += fmt::format("      \"properties\": {},\n", dump(properties));
  out += "      \"results\": [";
  // One result per line, each its own small JSON tree: a million findings never become one.
  bool first = true;
  write_results([&](const std::string& result) {
    out += first ? "\n        " : ",\n        ";
    first = false;
    out += result;
  });
  out += first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n";
  return out;
}

const char* level_of(Severity severity) { return severity == Severity::error ? "error" : "warning"; }

}  // namespace

std::string diagnostics_sarif(const Diagnostics& diagnostics, std::size_t files, const std::string& version,
                              const std::optional<std::string>& checkout_prefix) {
  std::map<std::string, std::size_t> rule_index;
  for (const auto& d : diagnostics.items()) {
    rule_index.emplace(d.code, 0);
  }
  ordered_json rules = ordered_json::array();
  for (auto& [code, index] : rule_index) {
    index = rules.size();
    const char* meaning = diagnostic_code_meaning(code);
    rules.push_back({{"id", code}, {"shortDescription", {{"text", meaning != nullptr ? meaning : code}}}});
  }
  const ordered_json summary = {
      {"errors", diagnostics.error_count()}, {"warnings", diagnostics.warning_count()}, {"files", files}};
  return sarif_log(version, std::move(rules), {{"summary", summary}}, checkout_prefix, [&](const auto& add) {
    for (const auto& d : diagnostics.items()) {
      add(dump({{"ruleId", d.code},
                {"ruleIndex", rule_index[d.code]},
                {"level", level_of(d.severity)},
                {"message", {{"text", d.message}}},
                {"locations",
                 {physical_location(d.file, d.mark.line, std::max<std::uint32_t>(d.mark.column, 1),
                                    checkout_prefix)}}}));
    }
  });
}

std::string audit_sarif(const AuditResult& result, const AuditReportOptions& options,
                        const std::string& version, const std::optional<std::string>& checkout_prefix) {
  // A rule per requirement of every audited program, in file order; a finding whose
  // program is not among them (none today) gets a rule of its own.
  std::map<std::string, std::size_t> rule_index;
  ordered_json rules = ordered_json::array();
  const auto add_rule = [&](const std::string& program, const std::string& id, RequirementType type,
                            Severity severity, const std::string& text, const std::string& source) {
    const std::string rule_id = program + "/" + id;
    if (!rule_index.emplace(rule_id, rules.size()).second) {
      return;
    }
    ordered_json rule = {{"id", rule_id},
                         {"shortDescription",
                          {{"text", text.empty() ? fmt::format("{} requirement {} of program {}",
                                                               requirement_type_name(type), id, program)
                                                 : text}}},
                         {"defaultConfiguration", {{"level", level_of(severity)}}},
                         {"properties",
                          {{"program", program},
                           {"requirement", id},
                           {"type", requirement_type_name(type)},
                           {"source", source}}}};
    rules.push_back(std::move(rule));
  };
  for (const auto& program : result.programs) {
    for (const auto& r : program.requirements) {
      add_rule(program.id, r.id, r.type, r.severity, r.text, r.source);
    }
  }
  for (const auto& f : result.findings) {
    if (listed(f, options)) {
      add_rule(f.program, f.requirement, f.type, f.severity, "", f.source);
    }
  }
  const AuditSummary s = result.summary();
  ordered_json years = ordered_json::array();
  for (const auto year : result.school_years) {
    years.push_back(format_school_year(year));
  }
  const ordered_json properties = {
      {"as_of", format_date(result.as_of)},
      {"school_years", years},
      {"summary", {{"met", s.met}, {"due", s.due}, {"unmet", s.unmet}, {"record_errors", s.record_errors}}}};
  return sarif_log(version, std::move(rules), properties, checkout_prefix, [&](const auto& add) {
    for (const auto& f : result.findings) {
      if (!listed(f, options)) {
        continue;
      }
      const std::string rule_id = f.program + "/" + f.requirement;
      const std::string subject = subject_text(f, " -> ");
      // unmet: a failure at the requirement's severity; due: still open, a note; met
      // (--all): a pass.
      const char* kind = f.status == FindingStatus::unmet ? "fail"
                         : f.status == FindingStatus::due ? "open"
                                                          : "pass";
      const char* level = f.status == FindingStatus::unmet ? level_of(f.severity)
                          : f.status == FindingStatus::due ? "note"
                                                           : "none";
      ordered_json entry = {
          {"ruleId", rule_id},
          {"ruleIndex", rule_index[rule_id]},
          {"kind", kind},
          {"level", level},
          {"message", {{"text", subject.empty() ? f.message : subject + ": " + f.message}}},
          {"locations", {physical_location(f.records.file, f.records.line, 0, checkout_prefix)}}};
      // `programs/X.yaml:LINE`: where the requirement is written.
      const auto colon = f.source.rfind(':');
      if (colon != std::string::npos) {
        const std::string line = f.source.substr(colon + 1);
        if (!line.empty() &&
            std::all_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; })) {
          ordered_json related = physical_location(
              f.source.substr(0, colon), static_cast<std::uint32_t>(std::stoul(line)), 0, checkout_prefix);
          related["id"] = 1;
          related["message"] = {{"text", "the requirement"}};
          entry["relatedLocations"] = ordered_json::array({related});
        }
      }
      // Code scanning follows a finding across runs by this, not by its line.
      entry["partialFingerprints"] = {
          {"mentorctlFinding/v1",
           fmt::format("{}/{}/{}/{}/{}", f.program, f.requirement, f.mentor.value_or(""),
                       f.mentee.value_or(""), f.period.value_or(format_date(f.from)))}};
      std::string text = dump(entry);
      text.pop_back();  // its '}': the finding as `audit --format json` writes it follows
      text += ",\"properties\":";
      finding_json(text, f);
      text += '}';
      add(text);
    }
  });
}

}  // namespace mentorctl
