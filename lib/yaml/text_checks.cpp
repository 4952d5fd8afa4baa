#include "yaml/text_checks.hpp"

#include "util/utf8.hpp"
#include "yaml/reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace mentorctl {

std::optional<Mark> first_indentation_tab(std::string_view content, std::uint32_t last_line) {
  std::uint32_t line = 1;
  std::size_t pos = 0;
  while (pos < content.size() && line <= last_line) {
    std::size_t i = pos;
    while (i < content.size() && (content[i] == ' ' || content[i] == '-')) {
      ++i;
    }
    if (i < content.size() && content[i] == '\t') {
      return Mark{line, static_cast<std::uint32_t>(i - pos + 1)};
    }
    const std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) {
      break;
    }
    pos = end + 1;
    ++line;
  }
  return std::nullopt;
}

bool deeper_than_its_parent(std::string_view content, std::uint32_t line) {
  std::vector<std::string_view> lines;
  std::size_t pos = 0;
  while (pos <= content.size() && lines.size() < line) {
    const std::size_t end = std::min(content.find('\n', pos), content.size());
    lines.push_back(content.substr(pos, end - pos));
    pos = end + 1;
  }
  if (lines.size() < line || line < 2) {
    return false;
  }
  const auto indent = [](std::string_view text) { return text.find_first_not_of(' '); };
  const std::size_t here = indent(lines[line - 1]);
  for (std::size_t i = line - 1; i-- > 0;) {
    std::string_view above = lines[i];
    while (!above.empty() && (above.back() == '\r' || above.back() == ' ')) {
      above.remove_suffix(1);
    }
    const std::size_t there = indent(above);
    if (above.empty() || there == std::string_view::npos || above[there] == '#') {
      continue;
    }
    const char last = above.back();
    return here != std::string_view::npos && here > there && last != ':' && last != '|' && last != '>';
  }
  return false;
}
namespace {

// Line and column (1-based, in characters) of a byte offset.
Mark mark_of_offset(std::string_view content, std::size_t offset) {
  Mark mark{1, 1};
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < content.size(); ++i) {
    if (content[i] == '\n') {
      ++mark.line;
      line_start = i + 1;
    }
  }
  std::uint32_t column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    if ((static_cast<unsigned char>(content[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  mark.column = column;
  return mark;
}

// Conflict markers, reported line by line.
bool check_lines(std::string_view content, const std::string& path, Diagnostics& diagnostics) {
  bool ok = true;
  bool in_conflict = false;
  std::uint32_t line_number = 0;
  std::size_t pos = 0;
  while (pos < content.size()) {
    ++line_number;
    std::size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) {
      end = content.size();
    }
    std::string_view line = content.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') {
      line.remove_suffix(1);
    }
    const auto starts = [&](std::string_view marker) {
      return line.substr(0, marker.size()) == marker &&
             (line.size() == marker.size() || line[marker.size()] == ' ');
    };
    if (starts("<<<<<<<")) {
      diagnostics.error(path, {line_number, 1}, "merge-conflict",
                        "unresolved git merge conflict (marker '<<<<<<<'); keep the right lines and "
                        "delete the markers '<<<<<<<', '=======' and '>>>>>>>'");
      ok = false;
      in_conflict = true;
    } else if (starts("=======") || starts(">>>>>>>") || starts("|||||||")) {
      // Part of a conflict already reported at its '<<<<<<<', unless it stands alone.
      if (!in_conflict) {
        diagnostics.error(path, {line_number, 1}, "merge-conflict",
                          fmt::format("unresolved git merge conflict (marker '{}'); keep the right "
                                      "lines and delete the conflict markers",
                                      line.substr(0, 7)));
      }
      in_conflict = !starts(">>>>>>>");
      ok = false;
    }
    pos = end + 1;
  }
  return ok;
}

}  // namespace

bool precheck(std::string_view content, const std::string& path, Diagnostics& diagnostics) {
  if (content.size() > max_file_size) {
    diagnostics.error(path, {1, 1}, "file-too-large",
                      fmt::format("file is {} bytes, over the limit of 16 MiB; split it", content.size()));
    return false;
  }
  const std::size_t bad = first_invalid_utf8(content);
  if (bad != std::string_view::npos) {
    diagnostics.error(path, mark_of_offset(content, bad), "not-utf8",
                      fmt::format("byte 0x{:02X} is not valid UTF-8; save the file as UTF-8",
                                  static_cast<unsigned char>(content[bad])));
    return false;
  }
  return check_lines(content, path, diagnostics);
}

}  // namespace mentorctl
