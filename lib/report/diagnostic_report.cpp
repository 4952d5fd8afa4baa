#include "report/diagnostic_report.hpp"

#include "util/files.hpp"
#include "util/utf8.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace mentorctl {
namespace {

// The text of line `number` (1-based) of a file, without its line end; empty if none.
class LineCache {
 public:
  explicit LineCache(std::filesystem::path root) : root_(std::move(root)) {}

  std::string line(const std::string& file, std::uint32_t number) {
    auto it = files_.find(file);
    if (it == files_.end()) {
      Text text;
      // Only a file inside the repository: the excerpt of a file a link leads out to
      // would print what the diagnostic refuses to read.
      if (const auto place = resolve_inside(root_, file)) {
        if (auto content = read_file_at(*place, 16U << 20)) {
          text.content = std::move(*content);
          // The offset where each line starts: a file of millions of short lines costs
          // four bytes a line, not a string each.
          for (std::size_t at = 0; at < text.content.size();) {
            text.starts.push_back(static_cast<std::uint32_t>(at));
            const auto end = text.content.find('\n', at);
            at = end == std::string::npos ? text.content.size() : end + 1;
          }
        }
      }
      it = files_.emplace(file, std::move(text)).first;
    }
    const Text& text = it->second;
    if (number < 1 || number > text.starts.size()) {
      return {};
    }
    const std::size_t start = text.starts[number - 1];
    const std::size_t next = number < text.starts.size() ? text.starts[number] : text.content.size();
    std::string_view found(text.content.data() + start, next - start);
    if (!found.empty() && found.back() == '\n') {
      found.remove_suffix(1);
    }
    if (!found.empty() && found.back() == '\r') {
      found.remove_suffix(1);
    }
    return std::string(found);
  }

 private:
  struct Text {
    std::string content;
    std::vector<std::uint32_t> starts;
  };
  std::filesystem::path root_;
  std::map<std::string, Text> files_;
};

bool printable_excerpt(const std::string& text) {
  if (text.empty() || text.size() > 300) {
    return false;
  }
  // Only show lines that are plain UTF-8 text without control characters (a tab aside:
  // the caret's padding copies it).
  std::string without_tabs = text;
  std::replace(without_tabs.begin(), without_tabs.end(), '\t', ' ');
  return visible_text(without_tabs) == without_tabs;
}

}  // namespace

std::string diagnostics_text(const Diagnostics& diagnostics, const std::filesystem::path& root,
                             const TextStyle& style) {
  LineCache cache(root);
  std::string out;
  const auto style_of = [&](Severity severity) {
    return !style.color                  ? fmt::text_style{}
           : severity == Severity::error ? fmt::fg(fmt::terminal_color::bright_red) | fmt::emphasis::bold
                                         : fmt::fg(fmt::terminal_color::yellow) | fmt::emphasis::bold;
  };
  const auto print = [&](const std::string& file, Mark mark, Severity severity, const std::string& message,
                         const std::string& code) {
    const auto bold = style.color ? fmt::emphasis::bold : fmt::text_style{};
    // Every diagnostic printed goes through here: a file name or a quoted value with
    // control characters is shown escaped, never sent to the terminal (or a CI log) raw.
    out += fmt::format(bold, "{}:{}:{}:", visible_text(file), std::max<std::uint32_t>(mark.line, 1),
                       std::max<std::uint32_t>(mark.column, 1));
    out += ' ';
    out += fmt::format(style_of(severity), "{}:", severity_name(severity));
    out += fmt::format(" {} [{}]\n", visible_text(message), code);
  };
  // At most max_diagnostics_per_file lines per file, whichever stage found them (an
  // unknown mentor on each of a million entries is found across files), then a count.
  const std::string* file = nullptr;
  std::size_t shown = 0;
  const Diagnostic* first_left_out = nullptr;
  std::uint64_t left_out[2] = {0, 0};  // errors, warnings
  const auto print_left_out = [&] {
    for (const Severity severity : {Severity::error, Severity::warning}) {
      const std::uint64_t count = left_out[severity == Severity::error ? 0 : 1];
      if (count > 0) {
        print(first_left_out->file, first_left_out->mark, severity,
              fmt::format("and {} more {}{} in this file (not listed); fix the ones above first", count,
                          severity_name(severity), count == 1 ? "" : "s"),
              "too-many-diagnostics");
      }
    }
    first_left_out = nullptr;
    left_out[0] = left_out[1] = 0;
  };
  for (const auto& d : diagnostics.items()) {
    if (file == nullptr || *file != d.file) {
      print_left_out();
      file = &d.file;
      shown = 0;
    }
    if (shown == max_diagnostics_per_file) {
      first_left_out = first_left_out != nullptr ? first_left_out : &d;
      left_out[d.severity == Severity::error ? 0 : 1] += d.stands_for > 0 ? d.stands_for : 1;
      continue;
    }
    ++shown;
    const auto severity_style = style_of(d.severity);
    print(d.file, d.mark, d.severity, d.message, d.code);
    if (!style.excerpts || d.mark.line == 0 || d.confidential) {
      continue;
    }
    const std::string text = cache.line(d.file, d.mark.line);
    if (!printable_excerpt(text)) {
      continue;
    }
    // The caret sits under the column, counted in characters.
    std::string pad;
    std::uint32_t column = 1;
    for (std::size_t i = 0; i < text.size() && column < d.mark.column; ++i) {
      const auto u = static_cast<unsigned char>(text[i]);
      if ((u & 0xC0) == 0x80) {
        continue;
      }
      pad += text[i] == '\t' ? '\t' : ' ';
      ++column;
    }
    out += fmt::format("  {}\n  {}", text, pad);
    out += fmt::format(severity_style, "^");
    out += '\n';
  }
  print_left_out();
  return out;
}

std::string diagnostics_json(const Diagnostics& diagnostics, std::size_t files) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& d : diagnostics.items()) {
    list.push_back({{"file", d.file},
                    {"line", std::max<std::uint32_t>(d.mark.line, 1)},
                    {"column", std::max<std::uint32_t>(d.mark.column, 1)},
                    {"severity", severity_name(d.severity)},
                    {"code", d.code},
                    {"message", d.message}});
  }
  nlohmann::ordered_json out;
  out["diagnostics"] = std::move(list);
  out["summary"] = {{"errors", diagnostics.error_count()},
                    {"warnings", diagnostics.warning_count()},
                    {"files", files}};
  return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace mentorctl
