#include "load/decoders.hpp"

#include "model/findings.hpp"
#include "model/values.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace mentorctl {
namespace {

// Reads one of min/max/in/equals/present into `c`.
bool decode_operator(FileScope& f, Condition& c, const MapEntry& entry) {
  Decoder& d = f.d;
  const std::string& op = entry.key;
  if (op == "min" || op == "max") {
    c.op = op == "min" ? Condition::Op::min : Condition::Op::max;
    const auto number = d.number(&entry.value, op);
    c.number = number.value_or(0);
    return number.has_value();
  }
  if (op == "in") {
    c.op = Condition::Op::in;
    if (const auto* items = d.list(&entry.value, "in")) {
      for (const auto& item : *items) {
        if (auto text = d.scalar_text(&item, "in")) {
          c.values.push_back(*text);
        }
      }
      if (items->empty()) {
        d.error(entry.value.mark, "bad-value", "'in' needs at least one value");
      }
    }
    return d.record_ok();
  }
  if (op == "equals") {
    c.op = Condition::Op::equals;
    const auto text = d.scalar_text(&entry.value, "equals");
    if (text) {
      c.values = {*text};
    }
    return text.has_value();
  }
  if (op == "present") {
    c.op = Condition::Op::present;
    const auto flag = d.boolean(&entry.value, "present");
    c.present = flag.value_or(true);
    return flag.has_value();
  }
  return false;
}

std::optional<Condition> decode_condition(FileScope& f, const std::string& attribute, const Node& value,
                                          Mark mark) {
  Decoder& d = f.d;
  Condition c;
  c.attribute = resolve_attribute(attribute);
  c.mark = mark;
  if (!value.is_map()) {
    if (const auto text = d.scalar_text(&value, attribute)) {
      c.op = Condition::Op::equals;
      c.values = {*text};
      return c;
    }
    return std::nullopt;
  }
  d.expect_map(value, fmt::format("the condition on '{}'", attribute),
               {"min", "max", "in", "equals", "present"});
  if (value.entries.size() != 1) {
    d.error(
        value.mark, "bad-value",
        fmt::format("the condition on '{}' needs exactly one of min, max, in, equals, present", attribute));
    return std::nullopt;
  }
  return decode_operator(f, c, value.entries.front()) ? std::optional<Condition>(c) : std::nullopt;
}

// The fields of each type of requirement (decode_requirement reads the common ones).

// hours, meetings and observations: a bound per period (SPEC 4.1-4.3).
void decode_period_fields(FileScope& f, const Node& item, Requirement& r) {
  Decoder& d = f.d;
  if (const auto per = d.choice(d.required(item, "per", "a requirement"), "per",
                                {"week", "month", "school-year", "pairing"})) {
    r.per = *per == "week"          ? PeriodKind::week
            : *per == "month"       ? PeriodKind::month
            : *per == "school-year" ? PeriodKind::school_year
                                    : PeriodKind::pairing;
  }
  const auto bound = [&](const char* key) -> std::optional<std::int64_t> {
    const Node* value = item.find(key);
    if (value == nullptr) {
      return std::nullopt;
    }
    return r.type == RequirementType::hours ? d.duration(value, key) : d.count(value, key);
  };
  r.min = bound("min");
  r.max = bound("max");
  if (item.find("min") == nullptr && item.find("max") == nullptr) {
    d.error(item.mark, "missing-field", fmt::format("requirement '{}' needs 'min' or 'max' (or both)", r.id));
  }
  if (r.min && r.max && *r.max < *r.min) {
    d.error(item.find("max")->mark, "bad-range", fmt::format("requirement '{}' has max below min", r.id));
  }
  if (const Node* partial = item.find("partial")) {
    if (const auto value = d.choice(partial, "partial", {"prorate", "full", "skip"})) {
      r.partial = *value == "prorate" ? Partial::prorate : *value == "full" ? Partial::full : Partial::skip;
    }
  }
  if (const Node* during = item.find("during")) {
    if (d.expect_map(*during, "'during'", {"first", "after"})) {
      if (during->entries.size() != 1) {
        d.error(during->mark, "bad-value",
                "'during' needs exactly one of 'first' or 'after', e.g. {first: 6mo}");
      } else if (const auto span = d.span(&during->entries.front().value, during->entries.front().key)) {
        r.during = During{during->entries.front().key == "first", *span};
      }
    }
  }
}

void decode_kinds(FileScope& f, const Node& item, Requirement& r) {
  if (const Node* kinds = item.find("kinds")) {
    for (auto& kind : f.d.id_list(kinds, "kinds")) {
      r.kinds.push_back(std::move(kind.id));
    }
  }
}

void decode_hours_or_meetings_fields(FileScope& f, const Node& item, Requirement& r) {
  decode_period_fields(f, item, r);
  decode_kinds(f, item, r);
}

void decode_within_fields(FileScope& f, const Node& item, Requirement& r) {
  r.within = f.d.span(f.d.required(item, "within", "a requirement"), "within");
}

void decode_training_fields(FileScope& f, const Node& item, Requirement& r) {
  Decoder& d = f.d;
  decode_kinds(f, item, r);
  const Node* min = item.find("min");
  const Node* hours = item.find("min_hours");
  if ((min == nullptr) == (hours == nullptr)) {
    d.error(item.mark, min == nullptr ? "missing-field" : "bad-value",
            fmt::format("training requirement '{}' needs exactly one of 'min' (sessions) or 'min_hours' "
                        "(a duration)",
                        r.id));
  } else if (min != nullptr) {
    r.min = d.count(min, "min");
  } else {
    r.min = d.duration(hours, "min_hours");
    r.min_is_duration = true;
  }
  if (const Node* scope = item.find("scope")) {
    r.scope_ever = d.choice(scope, "scope", {"year", "ever"}).value_or("year") == "ever";
  }
}

void decode_caseload_fields(FileScope& f, const Node& item, Requirement& r) {
  r.max = f.d.count(f.d.required(item, "max", "a requirement"), "max");
}

void decode_eligibility_fields(FileScope& f, const Node& item, Requirement& r) {
  Decoder& d = f.d;
  Condition c;
  const Node* attribute_node = d.required(item, "attribute", "a requirement");
  if (auto attribute = d.attribute_name(attribute_node, "attribute")) {
    c.attribute = resolve_attribute(*attribute);
    d.check_attribute(c.attribute.name, attribute_node->mark, false);
  }
  c.mark = item.mark;
  int operators = 0;
  for (const auto& entry : item.entries) {
    if (entry.key == "min" || entry.key == "max" || entry.key == "in" || entry.key == "equals" ||
        entry.key == "present") {
      ++operators;
      decode_operator(f, c, entry);
    }
  }
  if (operators != 1) {
    d.error(
        item.mark, operators == 0 ? "missing-field" : "bad-value",
        fmt::format("eligibility requirement '{}' needs exactly one of min, max, in, equals, present", r.id));
  }
  r.condition = c;
  if (const Node* subject = item.find("subject")) {
    r.subject_mentee = d.choice(subject, "subject", {"mentor", "mentee"}).value_or("mentor") == "mentee";
  }
}

// What each type of requirement takes (SPEC 4) besides id, type, text, severity and
// when, and the decoder of those fields; in the order of RequirementType.
struct RequirementFields {
  RequirementType type;
  std::vector<std::string_view> fields;
  void (*decode)(FileScope&, const Node&, Requirement&);
};
const std::vector<RequirementFields> requirement_fields = {
    {RequirementType::hours,
     {"per", "min", "max", "kinds", "during", "partial"},
     decode_hours_or_meetings_fields},
    {RequirementType::meetings,
     {"per", "min", "max", "kinds", "during", "partial"},
     decode_hours_or_meetings_fields},
    {RequirementType::observations, {"per", "min", "max", "during", "partial"}, decode_period_fields},
    {RequirementType::milestone, {"within"}, decode_within_fields},
    {RequirementType::training, {"min", "min_hours", "kinds", "scope"}, decode_training_fields},
    {RequirementType::eligibility,
     {"attribute", "min", "max", "in", "equals", "present", "subject"},
     decode_eligibility_fields},
    {RequirementType::caseload, {"max"}, decode_caseload_fields},
    {RequirementType::matched_within, {"within"}, decode_within_fields},
};

void decode_requirement(FileScope& f, const Node& item, Program& program) {
  Decoder& d = f.d;
  const char* w = "a requirement";
  static const std::vector<std::string_view> common = {"id", "type", "text", "severity", "when"};
  // Every field some type takes, in the order "did you mean" searches them.
  static const std::vector<std::string_view> any_type_fields = {
      "id",      "type",   "text",  "severity",  "per", "min",    "max",     "min_hours", "kinds", "during",
      "partial", "within", "scope", "attribute", "in",  "equals", "present", "subject",   "when"};
  if (!d.expect_map(item, w, any_type_fields)) {
    return;
  }
  Requirement r;
  r.source = f.source_of(item);
  static const std::vector<std::string_view> type_names = [] {
    std::vector<std::string_view> names;
    for (const auto& type : requirement_fields) {
      names.emplace_back(requirement_type_name(type.type));
    }
    return names;
  }();
  const auto id = d.id(d.required(item, "id", w), "id");
  const auto type = d.choice(d.required(item, "type", w), "type", type_names);
  if (!id || !type) {
    return;
  }
  r.id = *id;
  const auto index = std::find(type_names.begin(), type_names.end(), *type) - type_names.begin();
  const RequirementFields& takes = requirement_fields[static_cast<std::size_t>(index)];
  r.type = takes.type;
  if (const Node* text = item.find("text")) {
    r.text = d.text(text, "text").value_or("");
  }
  if (const Node* severity = item.find("severity")) {
    if (const auto value = d.choice(severity, "severity", {"error", "warning"})) {
      r.severity = *value == "error" ? Severity::error : Severity::warning;
    }
  }
  for (const auto& entry : item.entries) {
    // A field no requirement takes was reported above, with its likely spelling.
    const bool any_type =
        std::find(any_type_fields.begin(), any_type_fields.end(), entry.key) != any_type_fields.end();
    if (any_type && std::find(common.begin(), common.end(), entry.key) == common.end() &&
        std::find(takes.fields.begin(), takes.fields.end(), entry.key) == takes.fields.end()) {
      d.error(entry.mark, "unknown-field",
              fmt::format("'{}' does not apply to a requirement of type {}; it takes: {}", entry.key, *type,
                          fmt::join(takes.fields, ", ")));
    }
  }
  takes.decode(f, item, r);
  if (const Node* when = item.find("when")) {
    if (!when->is_map()) {
      d.error(when->mark, "wrong-type",
              fmt::format("'when' must be a mapping of conditions like {{service_year: 1}}, not {}",
                          describe_node(*when)));
    } else {
      for (const auto& entry : when->entries) {
        if (auto c = decode_condition(f, entry.key, entry.value, entry.mark)) {
          d.check_attribute(entry.key, entry.mark, false);
          r.when.push_back(std::move(*c));
        }
      }
    }
  }
  if (std::any_of(program.requirements.begin(), program.requirements.end(),
                  [&](const Requirement& other) { return other.id == r.id; })) {
    d.error(item.find("id")->mark, "duplicate-id",
            fmt::format("requirement id '{}' is used twice in this program", r.id));
  }
  program.requirements.push_back(std::move(r));
}

void decode_matching(FileScope& f, const Node& n, Program& program) {
  Decoder& d = f.d;
  if (!d.expect_map(n, "'matching'", {"capacity", "require", "prefer"})) {
    return;
  }
  Matching m;
  if (const Node* capacity = n.find("capacity")) {
    m.capacity = static_cast<int>(d.count(capacity, "capacity").value_or(1));
  }
  if (const auto* require = d.list(n.find("require"), "require")) {
    for (const auto& item : *require) {
      if (auto name = d.attribute_name(&item, "require")) {
        d.check_attribute(*name, item.mark, true);
        m.require.push_back(resolve_attribute(std::move(*name)));
      }
    }
  }
  if (const Node* prefer = n.find("prefer")) {
    if (!prefer->is_map()) {
      d.error(prefer->mark, "wrong-type", "'prefer' must map attribute names to weights, e.g. {site: 5}");
    } else {
      for (const auto& entry : prefer->entries) {
        if (const auto weight = d.count(&entry.value, entry.key)) {
          d.check_attribute(entry.key, entry.mark, true);
          m.prefer.emplace_back(resolve_attribute(entry.key), static_cast<int>(*weight));
        }
      }
    }
  }
  program.matching = std::move(m);
}

void decode_stipend(FileScope& f, const Node& n, Program& program) {
  Decoder& d = f.d;
  if (!d.expect_map(n, "'stipend'", {"basis", "amount", "by_district", "prorate", "requires", "currency"})) {
    return;
  }
  Stipend s;
  s.source = f.source_of(n);
  if (const Node* basis = n.find("basis")) {
    s.basis = d.choice(basis, "basis", {"mentor", "pairing"}).value_or("mentor") == "pairing"
                  ? StipendBasis::pairing
                  : StipendBasis::mentor;
  }
  s.amount_cents = d.money(d.required(n, "amount", "'stipend'"), "amount").value_or(0);
  if (const Node* by = n.find("by_district")) {
    if (!by->is_map()) {
      d.error(by->mark, "wrong-type", "'by_district' must map district names to amounts");
    } else {
      for (const auto& entry : by->entries) {
        if (const auto cents = d.money(&entry.value, entry.key)) {
          s.by_district.emplace_back(entry.key, *cents);
        }
      }
    }
  }
  if (const Node* prorate = n.find("prorate")) {
    s.prorate = d.boolean(prorate, "prorate").value_or(false);
  }
  s.requires_ = d.id_list(n.find("requires"), "requires");
  if (const Node* currency = n.find("currency")) {
    s.currency = d.text(currency, "currency").value_or("");
    if (!s.currency.empty() &&
        (s.currency.size() != 3 ||
         !std::all_of(s.currency.begin(), s.currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))) {
      d.error(currency->mark, "bad-value",
              fmt::format("'{}' is not a currency code; write three capital letters like USD", s.currency));
    }
  }
  program.stipend = std::move(s);
}

void decode_certification(FileScope& f, const Node& n, Program& program) {
  Decoder& d = f.d;
  if (!d.expect_map(n, "'certification'", {"levels"})) {
    return;
  }
  Certification c;
  if (const auto* levels = d.list(d.required(n, "levels", "'certification'"), "levels")) {
    for (const auto& item : *levels) {
      if (!d.expect_map(item, "a certification level", {"id", "name", "valid_for", "requires", "criteria"})) {
        continue;
      }
      Level level;
      level.mark = item.mark;
      level.id = d.id(d.required(item, "id", "a certification level"), "id").value_or("");
      if (const Node* name = item.find("name")) {
        level.name = d.text(name, "name").value_or("");
      }
      if (const Node* valid = item.find("valid_for")) {
        level.valid_for = d.span(valid, "valid_for");
      }
      level.requires_ = d.id_list(item.find("requires"), "requires");
      if (const auto* criteria = d.list(d.required(item, "criteria", "a certification level"), "criteria")) {
        for (const auto& ci : *criteria) {
          if (!d.expect_map(ci, "a criterion", {"id", "text", "sign_off"})) {
            continue;
          }
          Criterion criterion;
          criterion.mark = ci.mark;
          criterion.id = d.id(d.required(ci, "id", "a criterion"), "id").value_or("");
          if (const Node* text = ci.find("text")) {
            criterion.text = d.text(text, "text").value_or("");
          }
          criterion.sign_off = d.id_list(ci.find("sign_off"), "sign_off");
          if (std::any_of(level.criteria.begin(), level.criteria.end(),
                          [&](const Criterion& other) { return other.id == criterion.id; })) {
            d.error(ci.mark, "duplicate-id",
                    fmt::format("criterion '{}' is listed twice in level '{}'", criterion.id, level.id));
          }
          level.criteria.push_back(std::move(criterion));
        }
      }
      if (std::any_of(c.levels.begin(), c.levels.end(),
                      [&](const Level& other) { return other.id == level.id; })) {
        d.error(item.mark, "duplicate-id", fmt::format("level '{}' is listed twice", level.id));
      }
      c.levels.push_back(std::move(level));
    }
    for (const auto& level : c.levels) {
      for (const auto& required : level.requires_) {
        if (std::none_of(c.levels.begin(), c.levels.end(),
                         [&](const Level& l) { return l.id == required.id; })) {
          d.error(required.mark, "unknown-level",
                  fmt::format("level '{}' requires '{}', which is not a level of this program", level.id,
                              required.id));
        }
      }
    }
  }
  program.certification = std::move(c);
}

}  // namespace

void decode_program(FileScope& f, const Node& n) {
  Decoder& d = f.d;
  const char* w = "the program file";
  d.expect_map(n, w,
               {"id", "name", "mentor_role", "mentee_role", "log_fields", "requirements", "matching",
                "stipend", "certification"});
  Program p;
  p.source = f.source_of(n);
  if (const Node* id = d.required(n, "id", w)) {
    f.check_id_matches(id, "id");
  }
  p.id = f.context.stem;
  p.name = d.text(d.required(n, "name", w), "name").value_or("");
  if (const Node* role = n.find("mentor_role")) {
    p.mentor_role = d.id(role, "mentor_role").value_or("mentor");
  }
  if (const Node* role = n.find("mentee_role")) {
    p.mentee_role = d.id(role, "mentee_role").value_or("mentee");
  }
  if (const auto* fields = d.list(n.find("log_fields"), "log_fields")) {
    for (const auto& field : *fields) {
      if (auto value = d.choice(&field, "log_fields", {"topics", "completes", "notes"})) {
        p.log_fields.push_back(*value);
      }
    }
  }
  if (const auto* requirements = d.list(n.find("requirements"), "requirements")) {
    for (const auto& item : *requirements) {
      decode_requirement(f, item, p);
    }
  }
  if (const Node* matching = n.find("matching")) {
    decode_matching(f, *matching, p);
  }
  if (const Node* stipend = n.find("stipend")) {
    decode_stipend(f, *stipend, p);
  }
  if (const Node* certification = n.find("certification")) {
    decode_certification(f, *certification, p);
  }
  if (p.stipend) {
    for (const auto& required : p.stipend->requires_) {
      if (p.requirement(required.id) == nullptr) {
        d.error(
            required.mark, "unknown-requirement",
            fmt::format("stipend requires '{}', which is not a requirement of this program", required.id));
      }
    }
  }
  if (d.record_ok()) {
    f.out.programs.push_back(std::move(p));
  }
}

}  // namespace mentorctl
