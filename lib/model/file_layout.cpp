#include "model/file_layout.hpp"

namespace mentorctl {

const std::vector<RecordFileLayout>& record_file_layouts() {
  using enum FilePlacement;
  static const std::vector<RecordFileLayout> layouts = {
      {FileKind::settings, "mentorctl.yaml", top_level, false, "mentorctl"},
      {FileKind::certificates, "certificates.yaml", top_level, false, "certificates"},
      {FileKind::calendar, "calendars", in_folder, true, "calendar"},
      {FileKind::person, "people", in_folder, false, "person"},
      {FileKind::program, "programs", in_folder, false, "program"},
      {FileKind::pairings, "pairings", in_folder, true, "pairings"},
      {FileKind::trainings, "trainings", in_folder, true, "trainings"},
      {FileKind::applications, "applications", in_folder, true, "applications"},
      {FileKind::evidence, "evidence", in_folder, false, "evidence"},
      {FileKind::log, "logs", in_year_folder, false, "log"},
      {FileKind::observations, "observations", in_year_folder, false, "observations"},
  };
  return layouts;
}

std::string record_file_glob(const RecordFileLayout& layout) {
  switch (layout.placement) {
    case FilePlacement::top_level:
      return layout.path;
    case FilePlacement::in_folder:
      return std::string(layout.path) + "/*.yaml";
    case FilePlacement::in_year_folder:
      return std::string(layout.path) + "/*/*.yaml";
  }
  return layout.path;
}

}  // namespace mentorctl
