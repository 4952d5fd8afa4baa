#include "load/decode.hpp"

#include "model/attributes.hpp"

#include "model/values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace mentorctl {

void Decoder::error(Mark mark, std::string code, std::string message) {
  diagnostics_.add(
      Diagnostic{path_, mark, Severity::error, std::move(code), std::move(message), 0, confidential_});
  record_ok_ = false;
}

void Decoder::warning(Mark mark, std::string code, std::string message) {
  diagnostics_.add(
      Diagnostic{path_, mark, Severity::warning, std::move(code), std::move(message), 0, confidential_});
}

bool Decoder::marked_confidential(const Node& item) {
  // Anything but a plain false counts: `confidential: yes` is an error, yet its author
  // meant the entry to be kept private.
  const Node* flag = item.find("confidential");
  return flag != nullptr && !(flag->is_scalar() && flag->scalar == ScalarType::boolean &&
                              (flag->text == "false" || flag->text == "False" || flag->text == "FALSE"));
}

bool Decoder::expect_map(const Node& node, std::string_view what,
                         std::initializer_list<std::string_view> allowed) {
  return expect_map(node, what, std::vector<std::string_view>(allowed));
}

bool Decoder::expect_map(const Node& node, std::string_view what, const std::vector<std::string_view>& allowed) {
  if (!node.is_map()) {
    error(node.mark, "wrong-type", fmt::format("{} must be a mapping of 'key: value' lines, not {}",
                                               what, describe_node(node)));
    return false;
  }
  for (const auto& entry : node.entries) {
    if (std::find(allowed.begin(), allowed.end(), entry.key) != allowed.end()) {
      continue;
    }
    if (!diagnostics_.keeps_more()) {
      error(entry.mark, "unknown-field", "unknown field");  // counted, never shown
      continue;
    }
    std::vector<std::string> candidates(allowed.begin(), allowed.end());
    const std::string suggestion = closest_match(entry.key, candidates);
    if (!suggestion.empty()) {
      error(entry.mark, "unknown-field",
            fmt::format("unknown field '{}' in {}; did you mean '{}'?", entry.key, what, suggestion));
    } else {
      error(entry.mark, "unknown-field",
            fmt::format("unknown field '{}' in {}; known fields: {}", entry.key, what,
                        fmt::join(candidates, ", ")));
    }
  }
  return true;
}

void Decoder::check_attribute(const std::string& name, Mark mark, bool bare_is_custom) {
  if (attribute_kind(name) != AttributeKind::unknown) {
    return;
  }
  const std::string suggestion = closest_match(name, known_attribute_names());
  const std::string hint = suggestion.empty() ? "" : fmt::format("did you mean '{}'? ", suggestion);
  if (name.rfind("application.", 0) == 0) {
    error(mark, "unknown-attribute",
          fmt::format("'{}' is not a field of an application; {}an application has submitted, nominated_by, "
                      "interview, decision, person and program",
                      name, hint));
  } else if (bare_is_custom) {
    warning(mark, "unknown-attribute",
            fmt::format("'{}' is not a person field, so it is read as attributes.{}; {}write attributes.{} if "
                        "that is meant",
                        name, name, hint, name));
  } else {
    error(mark, "unknown-attribute",
          fmt::format("'{}' is not a person attribute; {}use a person field (district, site, subjects, ...), "
                      "years_experience, years_in_position, service_year, attributes.<name> or "
                      "application.<field>",
                      name, hint));
  }
}

const Node* Decoder::required(const Node& map, std::string_view key, std::string_view what) {
  const Node* value = map.find(key);
  if (value == nullptr) {
    error(map.mark, "missing-field", fmt::format("{} has no '{}'; add '{}: ...'", what, key, key));
  }
  return value;
}

bool Decoder::expect_scalar(const Node& node, std::string_view field, std::string_view expected) {
  if (node.is_scalar() && node.scalar != ScalarType::null) {
    return true;
  }
  if (node.is_scalar()) {
    error(node.mark, "wrong-type",
          fmt::format("'{}' is empty; give {} or remove the line", field, expected));
  } else {
    error(node.mark, "wrong-type",
          fmt::format("'{}' must be {}, not {}", field, expected, describe_node(node)));
  }
  return false;
}

std::optional<std::string> Decoder::id(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "an id")) {
    return std::nullopt;
  }
  if (node->scalar != ScalarType::string) {
    error(node->mark, "wrong-type",
          fmt::format("'{}' must be an id, not {}; quote it if it is an id", field, describe_node(*node)));
    return std::nullopt;
  }
  if (!is_valid_id(node->text)) {
    error(node->mark, "bad-id",
          fmt::format("'{}' is not a valid id for '{}': use lowercase letters, digits, '.', '_' "
                      "and '-', starting with a letter or digit, at most 64 characters",
                      node->text, field));
    return std::nullopt;
  }
  return node->text;
}

std::optional<Reference> Decoder::reference(const Node* node, std::string_view field) {
  auto value = id(node, field);
  if (!value) {
    return std::nullopt;
  }
  return Reference{std::move(*value), node->mark};
}

std::optional<std::string> Decoder::text(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "text")) {
    return std::nullopt;
  }
  if (node->scalar == ScalarType::boolean) {
    error(node->mark, "wrong-type",
          fmt::format("'{}' must be text, not {}; quote it: \"{}\"", field, describe_node(*node),
                      node->text));
    return std::nullopt;
  }
  return node->text;
}

std::optional<Date> Decoder::date(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "a date (YYYY-MM-DD)")) {
    return std::nullopt;
  }
  const auto value = parse_date(node->text);
  if (!value) {
    error(node->mark, "bad-date",
          fmt::format("'{}' is not a real date for '{}'; {}", node->text, field, date_problem(node->text)));
  }
  return value;
}

std::optional<std::int64_t> Decoder::duration(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "a duration like 45m or 1h30m")) {
    return std::nullopt;
  }
  if (node->scalar == ScalarType::integer || node->scalar == ScalarType::floating) {
    error(node->mark, "bad-duration",
          fmt::format("'{}' needs a unit: write {}m or {}h, not a bare number", field, node->text,
                      node->text));
    return std::nullopt;
  }
  const auto minutes = parse_duration(node->text);
  if (!minutes) {
    error(node->mark, "bad-duration",
          fmt::format("'{}' is not a duration for '{}'; write e.g. 45m, 1h, 1h30m or 1.5h (whole "
                      "minutes)",
                      node->text, field));
  }
  return minutes;
}

std::optional<Span> Decoder::span(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "a span like 14d, 2w, 6mo or 1y")) {
    return std::nullopt;
  }
  const auto value = parse_span(node->text);
  if (!value) {
    error(node->mark, "bad-span",
          fmt::format("'{}' is not a span for '{}'; write a whole number and a unit: 14d, 2w, 6mo "
                      "or 1y",
                      node->text, field));
  }
  return value;
}

std::optional<std::int64_t> Decoder::money(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "an amount of money")) {
    return std::nullopt;
  }
  std::optional<std::int64_t> cents;
  if (node->scalar == ScalarType::integer || node->scalar == ScalarType::floating) {
    cents = parse_money(node->text);
  }
  if (!cents) {
    error(node->mark, "bad-money",
          fmt::format("'{}' is not an amount of money for '{}'; write a number with at most two "
                      "decimals, e.g. 1500 or 1250.50",
                      node->text, field));
  }
  return cents;
}

std::optional<std::int64_t> Decoder::count(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "a whole number")) {
    return std::nullopt;
  }
  std::int64_t value = -1;
  const char* end = node->text.data() + node->text.size();
  const auto [ptr, ec] = std::from_chars(node->text.data(), end, value);
  if (node->scalar != ScalarType::integer || ec != std::errc{} || ptr != end || value < 0 ||
      value > 1'000'000'000) {
    error(node->mark, node->scalar == ScalarType::integer ? "bad-value" : "wrong-type",
          fmt::format("'{}' must be a whole number ≥ 0, not {}", field, describe_node(*node)));
    return std::nullopt;
  }
  return value;
}

std::optional<double> Decoder::number(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "a number")) {
    return std::nullopt;
  }
  if (node->scalar != ScalarType::integer && node->scalar != ScalarType::floating) {
    error(node->mark, "wrong-type",
          fmt::format("'{}' must be a number, not {}", field, describe_node(*node)));
    return std::nullopt;
  }
  char* end = nullptr;
  const double value = std::strtod(node->text.c_str(), &end);
  return value;
}

std::optional<bool> Decoder::boolean(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "true or false")) {
    return std::nullopt;
  }
  if (node->scalar != ScalarType::boolean) {
    error(node->mark, "wrong-type",
          fmt::format("'{}' must be true or false, not {}", field, describe_node(*node)));
    return std::nullopt;
  }
  return node->text[0] == 't' || node->text[0] == 'T';
}

std::optional<SchoolYear> Decoder::school_year(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "a school year like 2026-27")) {
    return std::nullopt;
  }
  const auto value = parse_school_year(node->text);
  if (!value) {
    error(node->mark, "bad-school-year",
          fmt::format("'{}' is not a school year for '{}'; write it like 2026-27", node->text, field));
  }
  return value;
}

std::optional<std::string> Decoder::choice(const Node* node, std::string_view field,
                                           std::initializer_list<std::string_view> options) {
  return choice(node, field, std::vector<std::string_view>(options));
}

std::optional<std::string> Decoder::choice(const Node* node, std::string_view field,
                                           const std::vector<std::string_view>& options) {
  if (node == nullptr || !expect_scalar(*node, field, "one of the allowed words")) {
    return std::nullopt;
  }
  if (std::find(options.begin(), options.end(), node->text) != options.end()) {
    return node->text;
  }
  std::vector<std::string> candidates(options.begin(), options.end());
  const std::string suggestion = closest_match(node->text, candidates);
  error(node->mark, "bad-value",
        fmt::format("'{}' is not allowed for '{}'; use one of: {}{}", node->text, field,
                    fmt::join(candidates, ", "),
                    suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion)));
  return std::nullopt;
}

std::optional<std::string> Decoder::attribute_name(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "an attribute name")) {
    return std::nullopt;
  }
  if (node->scalar != ScalarType::string || node->text.empty()) {
    error(node->mark, "wrong-type",
          fmt::format("'{}' must name a person attribute like site or attributes.language, not {}", field,
                      describe_node(*node)));
    return std::nullopt;
  }
  return node->text;
}

std::optional<std::string> Decoder::scalar_text(const Node* node, std::string_view field) {
  if (node == nullptr || !expect_scalar(*node, field, "a value")) {
    return std::nullopt;
  }
  return node->text;
}

const std::vector<Node>* Decoder::list(const Node* node, std::string_view field) {
  if (node == nullptr) {
    return nullptr;
  }
  if (!node->is_sequence()) {
    if (node->is_scalar() && node->scalar != ScalarType::null) {
      // The text of a confidential entry stays out of every message (SPEC 6.4).
      error(node->mark, "wrong-type",
            confidential_
                ? fmt::format("'{}' must be a list, even with one element: write it as a list", field)
                : fmt::format("'{}' must be a list, even with one element: write [{}]", field, node->text));
    } else {
      error(node->mark, "wrong-type",
            fmt::format("'{}' must be a list, not {}", field, describe_node(*node)));
    }
    return nullptr;
  }
  return &node->items;
}

std::vector<Reference> Decoder::id_list(const Node* node, std::string_view field) {
  std::vector<Reference> out;
  if (const auto* items = list(node, field)) {
    for (const auto& item : *items) {
      if (auto value = reference(&item, field)) {
        out.push_back(std::move(*value));
      }
    }
  }
  return out;
}

std::vector<std::string> Decoder::text_list(const Node* node, std::string_view field) {
  std::vector<std::string> out;
  if (const auto* items = list(node, field)) {
    for (const auto& item : *items) {
      if (auto value = text(&item, field)) {
        out.push_back(std::move(*value));
      }
    }
  }
  return out;
}

std::vector<Date> Decoder::date_list(const Node* node, std::string_view field) {
  std::vector<Date> out;
  if (const auto* items = list(node, field)) {
    for (const auto& item : *items) {
      if (auto value = date(&item, field)) {
        out.push_back(*value);
      }
    }
  }
  return out;
}

void keep_rejected_references(const Node& item, FileKind kind, const Source& source,
                              std::vector<RejectedReference>& out) {
  struct Field {
    FileKind kind;
    std::string_view key;
    const char* name;  // as check names it
    bool program;
  };
  static constexpr Field fields[] = {
      {FileKind::pairings, "mentor", "mentor", false},
      {FileKind::pairings, "mentee", "mentee", false},
      {FileKind::pairings, "program", "program", true},
      {FileKind::log, "mentee", "mentee", false},
      {FileKind::log, "program", "program", true},
      {FileKind::observations, "observer", "observer", false},
      {FileKind::trainings, "attendees", "attendee", false},
      {FileKind::applications, "person", "person", false},
      {FileKind::applications, "nominated_by", "nominated_by", false},
      {FileKind::applications, "program", "program", true},
      {FileKind::evidence, "signed_off_by", "signed_off_by", false},
      {FileKind::evidence, "program", "program", true},
      {FileKind::certificates, "person", "person", false},
      {FileKind::certificates, "awarded_by", "awarded_by", false},
      {FileKind::certificates, "program", "program", true},
  };
  if (!item.is_map()) {
    return;
  }
  const auto keep = [&](const Node& node, const Field& field) {
    if (node.is_scalar() && node.scalar == ScalarType::string && is_valid_id(node.text)) {
      out.push_back({{node.text, node.mark}, field.name, field.program, source});
    }
  };
  for (const Field& field : fields) {
    const Node* node = field.kind == kind ? item.find(field.key) : nullptr;
    if (node == nullptr) {
      continue;
    }
    if (node->is_sequence()) {
      for (const Node& element : node->items) {
        keep(element, field);
      }
    } else {
      keep(*node, field);
    }
  }
}

}  // namespace mentorctl
