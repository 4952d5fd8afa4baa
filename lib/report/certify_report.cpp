#include "report/certify_report.hpp"

#include "util/utf8.hpp"

#include "report/audit_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace mentorctl {
namespace {

nlohmann::ordered_json level_json(const LevelResult& result) {
  nlohmann::ordered_json criteria = nlohmann::ordered_json::array();
  for (const CriterionResult& c : result.criteria) {
    criteria.push_back(
        {{"id", c.id},
         {"met", c.met},
         {"reason", c.met ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.reason)}});
  }
  nlohmann::ordered_json requires_ = nlohmann::ordered_json::array();
  for (const RequiredLevel& r : result.requires_) {
    requires_.push_back(
        {{"level", r.level},
         {"held", r.held},
         {"reason", r.held ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.reason)}});
  }
  return {{"person", result.person}, {"program", result.program}, {"level", result.level},
          {"met", result.met},       {"criteria", criteria},      {"requires", requires_}};
}

std::string unheld(const LevelResult& result) {
  std::string out;
  for (const RequiredLevel& r : result.requires_) {
    if (!r.held) {
      out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", r.level, visible_text(r.reason));
    }
  }
  return out;
}

const char* status_of(const RecordRow& row) {
  if (row.expired) {
    return "expired";
  }
  return row.not_yet ? "not-yet-valid" : "held";
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) {
    out += (out.empty() ? "" : separator) + item;
  }
  return out;
}

}  // namespace

std::string certify_text(const LevelResult& result) {
  std::string out =
      fmt::format("{}{} — {} ({}/{}) as of {}: {}\n", result.person,
                  result.name.empty() ? "" : fmt::format(" ({})", visible_text(result.name)),
                  visible_text(result.level_name.empty() ? result.level : result.level_name), result.program,
                  result.level, format_date(result.as_of), result.met ? "met" : "not met");
  for (const CriterionResult& c : result.criteria) {
    if (c.met) {
      out += fmt::format("  met      {}\n", c.id);
    } else {
      out += fmt::format("  not met  {}: {}\n", c.id, visible_text(c.reason));
    }
  }
  for (const RequiredLevel& r : result.requires_) {
    if (r.held) {
      out += fmt::format("  held     requires {}\n", r.level);
    } else {
      out += fmt::format("  not held requires {}: {}\n", r.level, visible_text(r.reason));
    }
  }
  const int open = result.open_criteria();
  out += fmt::format("{} of {} criteria met", result.criteria.size() - static_cast<std::size_t>(open),
                     result.criteria.size());
  if (!result.requires_.empty()) {
    const std::string missing = unheld(result);
    out += missing.empty() ? "; every required level held" : "; " + missing;
  }
  out += "\n";
  return out;
}

std::string certify_json(const LevelResult& result) { return level_json(result).dump(2) + "\n"; }

std::string certify_csv(const LevelResult& result) {
  std::string out = "person,program,level,kind,id,met,reason\n";
  for (const CriterionResult& c : result.criteria) {
    out += fmt::format("{},{},{},criterion,{},{},{}\n", csv_text_cell(result.person),
                       csv_text_cell(result.program), csv_text_cell(result.level), csv_text_cell(c.id),
                       c.met ? "true" : "false", csv_text_cell(c.reason));
  }
  for (const RequiredLevel& r : result.requires_) {
    out += fmt::format("{},{},{},requires,{},{},{}\n", csv_text_cell(result.person),
                       csv_text_cell(result.program), csv_text_cell(result.level), csv_text_cell(r.level),
                       r.held ? "true" : "false", csv_text_cell(r.reason));
  }
  return out;
}

std::string candidates_text(const std::vector<LevelResult>& results) {
  std::string out;
  for (const LevelResult& r : results) {
    const int open = r.open_criteria();
    std::string state = r.met ? "met" : fmt::format("{} of {} criteria open", open, r.criteria.size());
    const std::string missing = unheld(r);
    if (!missing.empty()) {
      state += "; " + missing;
    }
    if (r.held != nullptr) {
      state += fmt::format("; holds it (awarded {}{})", format_date(r.held->awarded),
                           r.held->expires ? ", expires " + format_date(*r.held->expires) : std::string());
    } else if (r.met) {
      state += "; ready to award";
    }
    out += fmt::format("{:<12} {}/{}: {}\n", r.person, r.program, r.level, state);
  }
  return out;
}

std::string candidates_json(const std::vector<LevelResult>& results) {
  nlohmann::ordered_json candidates = nlohmann::ordered_json::array();
  for (const LevelResult& r : results) {
    nlohmann::ordered_json one = level_json(r);
    one["open_criteria"] = r.open_criteria();
    candidates.push_back(std::move(one));
  }
  nlohmann::ordered_json document{{"candidates", candidates}};
  return document.dump(2) + "\n";
}

std::string candidates_csv(const std::vector<LevelResult>& results) {
  std::string out = "person,name,program,level,met,open_criteria,criteria,requires_not_held\n";
  for (const LevelResult& r : results) {
    out += fmt::format("{},{},{},{},{},{},{},{}\n", csv_text_cell(r.person), csv_text_cell(r.name),
                       csv_text_cell(r.program), csv_text_cell(r.level), r.met ? "true" : "false",
                       r.open_criteria(), r.criteria.size(), csv_text_cell(unheld(r)));
  }
  return out;
}

std::string record_text(const std::vector<RecordRow>& rows, bool verify) {
  std::string out;
  for (const RecordRow& row : rows) {
    const Certificate& c = *row.certificate;
    out += fmt::format("{:<12} {}/{}  awarded {}{}{}{}", row.person, row.program, row.level,
                       format_date(c.awarded), c.awarded_by ? " by " + c.awarded_by->id : std::string(),
                       c.expires ? "  expires " + format_date(*c.expires) : std::string(),
                       row.expired ? "  EXPIRED" : (row.not_yet ? "  not yet valid" : ""));
    if (verify && !row.unsupported.empty()) {
      out += fmt::format("  unsupported by evidence: {}", joined(row.unsupported, ", "));
    }
    out += "\n";
  }
  if (rows.empty()) {
    out += "no certificates\n";
  }
  return out;
}

std::string record_json(const std::vector<RecordRow>& rows, Date as_of, bool verify) {
  nlohmann::ordered_json certificates = nlohmann::ordered_json::array();
  for (const RecordRow& row : rows) {
    const Certificate& c = *row.certificate;
    nlohmann::ordered_json one{{"person", row.person},
                               {"name", row.name},
                               {"program", row.program},
                               {"level", row.level},
                               {"awarded", format_date(c.awarded)},
                               {"awarded_by", c.awarded_by ? nlohmann::ordered_json(c.awarded_by->id)
                                                           : nlohmann::ordered_json(nullptr)},
                               {"expires", c.expires ? nlohmann::ordered_json(format_date(*c.expires))
                                                     : nlohmann::ordered_json(nullptr)},
                               {"status", status_of(row)}};
    if (verify) {
      one["unsupported"] = row.unsupported;
    }
    certificates.push_back(std::move(one));
  }
  nlohmann::ordered_json document{{"as_of", format_date(as_of)}, {"certificates", certificates}};
  return document.dump(2) + "\n";
}

std::string record_csv(const std::vector<RecordRow>& rows, bool verify) {
  std::string out = "person,name,program,level,awarded,awarded_by,expires,status";
  out += verify ? ",unsupported\n" : "\n";
  for (const RecordRow& row : rows) {
    const Certificate& c = *row.certificate;
    out += fmt::format("{},{},{},{},{},{},{},{}", csv_text_cell(row.person), csv_text_cell(row.name),
                       csv_text_cell(row.program), csv_text_cell(row.level), format_date(c.awarded),
                       c.awarded_by ? csv_text_cell(c.awarded_by->id) : std::string(),
                       c.expires ? format_date(*c.expires) : std::string(), status_of(row));
    out += verify ? "," + csv_text_cell(joined(row.unsupported, ";")) + "\n" : "\n";
  }
  return out;
}

}  // namespace mentorctl
