// Canonical text of new items: quoting only where YAML needs it, `|` blocks for
// multi-line text, fixed indentation.
#include "util/utf8.hpp"
#include "write/writer.hpp"

#include <fmt/format.h>

#include <array>
#include <regex>

namespace mentorctl {
namespace {

// Characters YAML cannot hold raw in a plain or block scalar (they need an escape), and
// those some readers take for line breaks.
bool needs_escape(long code) {
  return code < 0x20 || code == 0x7F || (code >= 0x80 && code <= 0x9F) || code == 0x2028 || code == 0x2029 ||
         code == 0xFEFF || code == 0xFFFE || code == 0xFFFF;
}

bool has_escaped_characters(std::string_view text, bool allow_newline) {
  for (std::size_t i = 0; i < text.size();) {
    const long code = next_code_point(text, i);
    if (code < 0 || (needs_escape(code) && !(allow_newline && code == '\n'))) {
      return true;
    }
  }
  return false;
}

// Plain scalars that some YAML reader types as something other than a string: null,
// booleans, numbers, timestamps of YAML 1.2 core and of YAML 1.1 (PyYAML, yaml-cpp,
// many editors), and the 1.1 value and merge keys.
bool reads_as_another_type(std::string_view text) {
  static const std::regex other_type(
      // null and booleans (1.1 and 1.2)
      "~|null|Null|NULL"
      "|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
      // integers: binary, octal, decimal, hexadecimal, sexagesimal (1.1), with underscores
      "|[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9][0-9_]*|[-+]?0x[0-9a-fA-F_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])"
      "+"
      // floats
      "|[-+]?([0-9][0-9_]*)?\\.[0-9._]*([eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
      "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
      // timestamps (1.1)
      "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
      "(([Tt]|[ \\t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](\\.[0-9]*)?(([ "
      "\\t]*)Z|[-+][0-9][0-9]?(:[0-9][0-9])?)?)?"
      // value and merge keys (1.1)
      "|=|<<",
      std::regex::ECMAScript | std::regex::optimize);
  return std::regex_match(text.begin(), text.end(), other_type);
}

bool is_flow_indicator(char c) { return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'; }

// Whether `text` can be written as a plain scalar and read back as the same string.
bool can_be_plain(std::string_view text, ScalarContext context) {
  if (text.empty() || text.front() == ' ' || text.back() == ' ' || has_escaped_characters(text, false)) {
    return false;
  }
  if (reads_as_another_type(text)) {
    return false;
  }
  static constexpr std::string_view indicators = "-?:,[]{}#&*!|>'\"%@`";
  const char first = text.front();
  if (indicators.find(first) != std::string_view::npos) {
    // '-' (and outside flow lists '?' and ':') may start a plain scalar when a "safe"
    // character follows; YAML 1.1 readers refuse '?' and ':' there inside [ ].
    const bool may_start =
        first == '-' || (context == ScalarContext::block && (first == '?' || first == ':'));
    const bool starts_safely = may_start && text.size() > 1 && text[1] != ' ' &&
                               !(context == ScalarContext::flow && is_flow_indicator(text[1]));
    if (!starts_safely) {
      return false;
    }
  }
  if (text.substr(0, 3) == "---" || text.substr(0, 3) == "...") {
    return false;
  }
  if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos ||
      text.back() == ':') {
    return false;
  }
  if (context == ScalarContext::flow) {
    // Inside [ ], libyaml refuses a ':' followed by '?', ':' or a flow indicator ("found
    // unexpected ':'"), and readers differ on the rest: any ':' is quoted there.
    for (const char c : text) {
      if (is_flow_indicator(c) || c == ':') {
        return false;
      }
    }
  }
  return true;
}

std::string double_quoted(std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const long code = next_code_point(text, i);
    switch (code) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case 0:
        out += "\\0";
        continue;
      case '\a':
        out += "\\a";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\v':
        out += "\\v";
        continue;
      case '\f':
        out += "\\f";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case 0x1B:
        out += "\\e";
        continue;
      case 0x85:
        out += "\\N";
        continue;
      case 0x2028:
        out += "\\L";
        continue;
      case 0x2029:
        out += "\\P";
        continue;
      default:
        break;
    }
    if (code < 0) {
      out += "\\uFFFD";  // never reached for valid UTF-8; keeps the output valid anyway
      i = start + 1;
    } else if (code <= 0xFF && needs_escape(code)) {
      out += fmt::format("\\x{:02X}", code);
    } else if (needs_escape(code)) {
      out += fmt::format("\\u{:04X}", code);
    } else {
      out.append(text.substr(start, i - start));
    }
  }
  out += '"';
  return out;
}

// Multi-line text as a literal block (`|`), or nullopt when a block cannot hold it
// exactly and readably: control characters, tabs, carriage returns, spaces at a line's
// end or whitespace-only lines (invisible, and lint errors), several trailing newlines.
std::optional<std::vector<std::string>> literal_block(std::string_view text, std::string& header) {
  if (text.find('\n') == std::string_view::npos || has_escaped_characters(text, true)) {
    return std::nullopt;
  }
  std::string_view body = text;
  std::size_t trailing = 0;
  while (!body.empty() && body.back() == '\n') {
    body.remove_suffix(1);
    ++trailing;
  }
  if (trailing > 1 || body.empty()) {
    return std::nullopt;
  }
  std::vector<std::string> lines;
  std::size_t pos = 0;
  for (;;) {
    const std::size_t end = body.find('\n', pos);
    const std::string_view line =
        body.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (!line.empty() && (line.back() == ' ' || line.find_first_not_of(' ') == std::string_view::npos)) {
      return std::nullopt;
    }
    lines.emplace_back(line);
    if (end == std::string_view::npos) {
      break;
    }
    pos = end + 1;
  }
  header = "|";
  const auto first_text =
      std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return !l.empty(); });
  if (first_text != lines.end() && first_text->front() == ' ') {
    header += "2";  // the content starts with spaces: say where the indentation ends
  }
  if (trailing == 0) {
    header += "-";
  }
  return lines;
}

std::string spaces(std::size_t count) { return std::string(count, ' '); }

}  // namespace

std::string yaml_scalar(std::string_view text, ScalarContext context) {
  return can_be_plain(text, context) ? std::string(text) : double_quoted(text);
}

NewItem NewItem::scalar(std::string text) {
  NewItem item;
  item.scalar_ = std::move(text);
  return item;
}

NewItem& NewItem::text(std::string key, std::string value) {
  fields_.push_back(ItemField{std::move(key), ItemField::Form::text, std::move(value), {}});
  return *this;
}

NewItem& NewItem::canonical(std::string key, std::string value) {
  fields_.push_back(ItemField{std::move(key), ItemField::Form::canonical, std::move(value), {}});
  return *this;
}

NewItem& NewItem::flow_list(std::string key, std::vector<std::string> values) {
  fields_.push_back(ItemField{std::move(key), ItemField::Form::flow_list, {}, std::move(values)});
  return *this;
}

NewItem& NewItem::block_list(std::string key, std::vector<std::string> values) {
  fields_.push_back(ItemField{std::move(key), ItemField::Form::block_list, {}, std::move(values)});
  return *this;
}

NewItem& NewItem::optional_text(std::string key, std::string value) {
  return value.empty() ? *this : text(std::move(key), std::move(value));
}

NewItem& NewItem::optional_flow_list(std::string key, std::vector<std::string> values) {
  return values.empty() ? *this : flow_list(std::move(key), std::move(values));
}

std::vector<std::string> NewItem::lines(std::size_t dash_column, std::size_t content_offset) const {
  content_offset = std::max<std::size_t>(content_offset, 2);
  const std::string first_prefix = spaces(dash_column) + "-" + spaces(content_offset - 1);
  const std::size_t key_column = dash_column + content_offset;
  std::vector<std::string> out;
  if (scalar_) {
    out.push_back(first_prefix + yaml_scalar(*scalar_));
    return out;
  }
  for (const auto& field : fields_) {
    const std::string prefix =
        (out.empty() ? first_prefix : spaces(key_column)) + yaml_scalar(field.key) + ":";
    switch (field.form) {
      case ItemField::Form::canonical:
        out.push_back(prefix + " " + field.text);
        break;
      case ItemField::Form::text: {
        std::string header;
        if (const auto block = literal_block(field.text, header)) {
          out.push_back(prefix + " " + header);
          for (const auto& line : *block) {
            out.push_back(line.empty() ? std::string() : spaces(key_column + 2) + line);
          }
        } else {
          out.push_back(prefix + " " + yaml_scalar(field.text));
        }
        break;
      }
      case ItemField::Form::flow_list: {
        std::vector<std::string> scalars;
        for (const auto& value : field.items) {
          scalars.push_back(yaml_scalar(value, ScalarContext::flow));
        }
        out.push_back(fmt::format("{} [{}]", prefix, fmt::join(scalars, ", ")));
        break;
      }
      case ItemField::Form::block_list:
        if (field.items.empty()) {
          out.push_back(prefix + " []");
          break;
        }
        out.push_back(prefix);
        for (const auto& value : field.items) {
          out.push_back(spaces(key_column + 2) + "- " + yaml_scalar(value));
        }
        break;
    }
  }
  return out;
}

}  // namespace mentorctl
