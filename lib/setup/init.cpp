#include "setup/init.hpp"

#include "model/file_layout.hpp"
#include "setup/templates.hpp"
#include "util/files.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mentorctl {
namespace fs = std::filesystem;

namespace {

// The folders of the record files (file_layout.hpp), in its order.
std::vector<std::string> record_folders() {
  std::vector<std::string> folders;
  for (const auto& layout : record_file_layouts()) {
    if (layout.placement != FilePlacement::top_level) {
      folders.emplace_back(layout.path);
    }
  }
  return folders;
}

// Where `init` copies a record schema, from the repository root.
std::string editor_schema_path(const char* schema) {
  return fmt::format(".mentorctl/schemas/{}.schema.json", schema);
}

Result<void> write_new_file(const fs::path& path, std::string_view content) {
  return replace_file_atomically(path, {content});
}

}  // namespace

std::vector<std::string> template_names() {
  std::vector<std::string> names;
  for (const auto& file : template_files()) {
    if (std::find(names.begin(), names.end(), file.template_name) == names.end()) {
      names.emplace_back(file.template_name);
    }
  }
  return names;
}

std::string vscode_settings_text() {
  // yaml-language-server (the YAML extension of VS Code): a schema path relative to the
  // workspace, and globs from its root (the leading '/').
  std::string out = "{\n  \"yaml.schemas\": {";
  const auto& layouts = record_file_layouts();
  for (std::size_t i = 0; i < layouts.size(); ++i) {
    out += fmt::format("{}\n    \"./{}\": [\"/{}\"]", i == 0 ? "" : ",",
                       editor_schema_path(layouts[i].schema), record_file_glob(layouts[i]));
  }
  return out + "\n  }\n}\n";
}

std::string gitattributes_text() {
  return "# Written by mentorctl init (records format 1).\n"
         "*.yaml text eol=lf\n"
         "# Record files merge entry by entry; run 'mentorctl setup-git' once per clone.\n"
         "logs/** merge=mentorctl\n"
         "observations/** merge=mentorctl\n"
         "trainings/** merge=mentorctl\n"
         "evidence/** merge=mentorctl\n"
         "pairings/** merge=mentorctl\n"
         "certificates.yaml merge=mentorctl\n";
}

Result<std::vector<std::string>> create_repository(const fs::path& directory,
                                                   const std::string& template_name) {
  std::vector<const TemplateFile*> files;
  for (const auto& file : template_files()) {
    if (file.template_name == template_name) {
      files.push_back(&file);
    }
  }
  if (files.empty()) {
    const auto names = template_names();
    return Error{fmt::format("no template named '{}'; templates: {}", template_name, fmt::join(names, ", "))};
  }
  std::error_code ec;
  if (fs::exists(directory, ec) && !fs::is_directory(directory, ec)) {
    return Error{fmt::format("{} exists and is not a folder", directory.string())};
  }
  if (fs::exists(directory / "mentorctl.yaml", ec)) {
    return Error{
        fmt::format("{} already holds a records repository (mentorctl.yaml); nothing was "
                    "written",
                    directory.string())};
  }
  std::vector<std::pair<std::string, std::string_view>> plan;
  for (const TemplateFile* file : files) {
    plan.emplace_back(file->path, file->content());
  }
  const std::string attributes = gitattributes_text();
  plan.emplace_back(".gitattributes", attributes);
  // The record schemas and the editor settings that map the record files to them.
  for (const auto& layout : record_file_layouts()) {
    const std::string name = fmt::format("{}.schema.json", layout.schema);
    const auto schema = std::find_if(schema_files().begin(), schema_files().end(),
                                     [&](const SchemaFile& file) { return file.name == name; });
    if (schema == schema_files().end()) {
      return Error{fmt::format("internal error: the schema {} is not built in", name)};
    }
    plan.emplace_back(editor_schema_path(layout.schema), schema->content());
  }
  for (const auto& [path, content] : plan) {
    if (fs::exists(directory / path, ec)) {
      return Error{fmt::format("{} already exists; nothing was written", (directory / path).string())};
    }
  }
  // A folder's own editor settings stay as they are: only a new one is written.
  const std::string settings = vscode_settings_text();
  if (!fs::exists(directory / ".vscode" / "settings.json", ec)) {
    plan.emplace_back(".vscode/settings.json", settings);
  }

  fs::create_directories(directory, ec);
  if (ec) {
    return Error{fmt::format("cannot create {}: {}", directory.string(), ec.message())};
  }
  std::vector<std::string> written;
  for (const auto& folder : record_folders()) {
    fs::create_directories(directory / folder, ec);
    if (ec) {
      return Error{fmt::format("cannot create {}: {}", (directory / folder).string(), ec.message())};
    }
    // git keeps no empty folders; a hidden placeholder keeps the layout visible.
    if (!fs::exists(directory / folder / ".gitkeep", ec)) {
      MENTORCTL_TRY(write_new_file(directory / folder / ".gitkeep", ""));
    }
  }
  // mentorctl.yaml last, so a failure never leaves something that looks complete.
  std::stable_sort(plan.begin(), plan.end(), [](const auto& a, const auto& b) {
    return (a.first != "mentorctl.yaml") > (b.first != "mentorctl.yaml");
  });
  for (const auto& [path, content] : plan) {
    fs::create_directories((directory / path).parent_path(), ec);
    if (ec) {
      return Error{
          fmt::format("cannot create {}: {}", (directory / path).parent_path().string(), ec.message())};
    }
    MENTORCTL_TRY(write_new_file(directory / path, content));
    written.push_back(path);
  }
  return written;
}

}  // namespace mentorctl
