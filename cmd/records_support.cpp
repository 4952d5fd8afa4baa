// Helpers shared by the read-only commands that load records (audit, stipend).
#include "records_support.hpp"

#include "app.hpp"
#include "report/diagnostic_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace mentorctl::cli {

bool utf8_locale() {
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      std::string text(value);
      for (char& c : text) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      return text.find("utf-8") != std::string::npos || text.find("utf8") != std::string::npos;
    }
  }
  return false;
}

Date parse_day_option(const std::string& text, const char* option) {
  const auto day = parse_date(text);
  if (!day) {
    throw CommandError(exit_usage,
                       fmt::format("{} '{}' is not a date: {}", option, text, date_problem(text)));
  }
  return *day;
}

SchoolYear year_option(const std::string& text, SchoolYear otherwise) {
  if (text.empty()) {
    return otherwise;
  }
  const auto parsed = parse_school_year(text);
  if (!parsed) {
    throw CommandError(exit_usage,
                       fmt::format("--year '{}' is not a school year; write it like 2026-27", text));
  }
  return *parsed;
}

std::vector<std::string> program_ids(const Records& records) {
  std::vector<std::string> ids;
  for (const auto& program : records.programs) {
    ids.push_back(program.id);
  }
  return ids;
}

std::vector<std::string> person_ids(const Records& records) {
  std::vector<std::string> ids;
  for (const auto& person : records.people) {
    ids.push_back(person.id);
  }
  return ids;
}

std::vector<std::string> filter_person_ids(const Records& records) {
  std::vector<std::string> ids = person_ids(records);
  for (const auto& file : records.files) {
    if (file.kind == FileKind::person && file.has_errors()) {
      ids.emplace_back(file.stem());
    }
  }
  return ids;
}

// A usage error unless `id` is one of `known` (`what` names the option).
void require_known(const Records& records, const std::string& id, const std::vector<std::string>& known,
                   const char* what, const char* kind) {
  if (id.empty() || std::find(known.begin(), known.end(), id) != known.end()) {
    return;
  }
  // Not "no such program" when the program's own file is there but failed to load.
  const FileKind file_kind = std::string_view(kind) == "program" ? FileKind::program : FileKind::person;
  for (const auto& file : records.files) {
    if (file.kind == file_kind && file.stem() == id && file.has_errors()) {
      throw CommandError(exit_usage, fmt::format("{} '{}': {} has errors, so it cannot be used; 'mentorctl "
                                                 "check' shows them",
                                                 what, id, file.path));
    }
  }
  const std::string suggestion = closest_match(id, known);
  std::string hint;
  if (!suggestion.empty()) {
    hint = fmt::format("; did you mean '{}'?", suggestion);
  } else if (!known.empty() && known.size() <= 10) {
    hint = fmt::format("; there are: {}", fmt::join(known, ", "));
  }
  throw CommandError(exit_usage, fmt::format("{} '{}': no such {}{}", what, id, kind, hint));
}

// The error diagnostics of the load, for stderr: what the audit had to skip.
void print_record_errors(std::string& err, const Records& records, const std::filesystem::path& root,
                         bool color, const char* covers) {
  Diagnostics errors;
  for (const auto& d : records.diagnostics.items()) {
    if (d.severity == Severity::error) {
      errors.add(d);
    }
  }
  if (errors.size() == 0) {
    return;
  }
  err += diagnostics_text(errors, root, TextStyle{color, false});
  // A file left out as a whole (unreadable, unparsable, a link leading outside) is
  // counted as a file: its records are unknown, and "0 records" would say nothing was lost.
  const std::size_t files = records.skipped_files();
  const std::size_t entries = records.record_errors() - std::min(records.record_errors(), files);
  std::vector<std::string> parts;
  if (files > 0) {
    parts.push_back(fmt::format("{} file{}", files, files == 1 ? "" : "s"));
  }
  if (entries > 0 || files == 0) {
    parts.push_back(fmt::format("{} record{} with errors", entries, entries == 1 ? "" : "s"));
  }
  const bool one = files + entries == 1;
  err += fmt::format("mentorctl: {} {} skipped; {} covers the rest (run 'mentorctl check' for details)\n",
                     fmt::join(parts, " and "), one ? "was" : "were", covers);
}

}  // namespace mentorctl::cli
