#include "model/file_layout.hpp"

namespace mentorctl {

const std::vector<RecordFileLayout>& record_file_layouts() {
  using enum FilePlacement;
  static const std::vector<RecordFileLayout> layouts = {
      {FileKind::settings, "mentorctl.yaml", top_level, false, "mentorctl", "settings file", nullptr},
      {FileKind::certificates, "certificates.yaml", top_level, false, "certificates", "certificates file",
       "certificates"},
      {FileKind::calendar, "calendars", in_folder, true, "calendar", "calendar file", nullptr},
      {FileKind::person, "people", in_folder, false, "person", "person file", nullptr},
      {FileKind::program, "programs", in_folder, false, "program", "program file", nullptr},
      {FileKind::pairings, "pairings", in_folder, true, "pairings", "pairings file", "pairings"},
      {FileKind::trainings, "trainings", in_folder, true, "trainings", "trainings file", "sessions"},
      {FileKind::applications, "applications", in_folder, true, "applications", "applications file",
       "applications"},
      {FileKind::evidence, "evidence", in_folder, false, "evidence", "evidence file", "evidence"},
      {FileKind::log, "logs", in_year_folder, false, "log", "log file", "entries"},
      {FileKind::observations, "observations", in_year_folder, false, "observations", "observations file",
       "observations"},
  };
  return layouts;
}

const RecordFileLayout& record_file_layout(FileKind kind) {
  for (const auto& layout : record_file_layouts()) {
    if (layout.kind == kind) {
      return layout;
    }
  }
  return record_file_layouts().front();
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
