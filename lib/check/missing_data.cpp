#include "check/missing_data.hpp"

#include "model/file_layout.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>

namespace mentorctl {

void warn_of_missing_data(Records& records, const CalendarIndex& calendars) {
  std::map<SchoolYear, std::uint32_t> first_file;  // year -> first record file
  for (std::uint32_t i = 0; i < records.files.size(); ++i) {
    const auto& file = records.files[i];
    const RecordFileLayout& layout = record_file_layout(file.kind);
    // pairings/2026-27.yaml, logs/2026-27/NAME.yaml; not the calendars themselves.
    const bool by_year = file.kind != FileKind::calendar &&
                         (layout.named_by_year || layout.placement == FilePlacement::in_year_folder);
    if (!by_year) {
      continue;
    }
    const std::size_t slash = file.path.find('/');
    if (const auto year = parse_school_year(file.path.substr(slash + 1, 7))) {
      first_file.emplace(*year, i);
    }
  }
  for (const auto& [year, file] : first_file) {
    if (calendars.calendar(year) == nullptr) {
      records.diagnostics.warning(
          records.files[file].path, {1, 1}, "missing-calendar",
          fmt::format("school year {} has records but no calendars/{}.yaml; every weekday "
                      "from {} to {} counts as instructional",
                      format_school_year(year), format_school_year(year),
                      format_date(calendars.bounds(year).first), format_date(calendars.bounds(year).last)));
    }
  }
  for (const auto& program : records.programs) {
    const bool has_rule =
        std::any_of(program.requirements.begin(), program.requirements.end(),
                    [](const Requirement& q) { return q.type == RequirementType::matched_within; });
    if (!has_rule) {
      continue;
    }
    for (const auto& p : records.people) {
      if (p.has_role(program.mentee_role) && p.takes_part_in(program.id) && !p.enrolled) {
        records.diagnostics.warning(
            records.path_of(p.source), p.source.mark, "missing-enrolled",
            fmt::format("'{}' takes part in {}, which has a matched-within rule, but has no 'enrolled' date",
                        p.id, program.id));
      }
    }
  }
}

}  // namespace mentorctl
