#include "load/loader.hpp"

#include "util/files.hpp"
#include "util/parallel.hpp"

#include "load/cache.hpp"
#include "load/decode.hpp"
#include "load/discovery.hpp"
#include "model/values.hpp"
#include "yaml/reader.hpp"

#include <fmt/format.h>

#include <dirent.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <system_error>
#include <thread>

namespace mentorctl {
namespace fs = std::filesystem;

namespace {

// Free text no command prints (SPEC 6.4: pairing and evidence notes, observation
// evidence, the notes of confidential log entries) is not kept once decoded: only
// whether there was some, so it never sits in memory or in the cache of parsed files.
std::string withheld(const std::string& text) {
  return text.empty() ? std::string{} : std::string("(withheld)");
}

const char* list_key(FileKind kind) {
  switch (kind) {
    case FileKind::pairings:
      return "pairings";
    case FileKind::log:
      return "entries";
    case FileKind::observations:
      return "observations";
    case FileKind::trainings:
      return "sessions";
    case FileKind::applications:
      return "applications";
    case FileKind::evidence:
      return "evidence";
    case FileKind::certificates:
      return "certificates";
    default:
      return nullptr;
  }
}

// Where `key` is written in the map `n` (its key, not its value); the map's own mark when absent.
Mark key_mark(const Node& n, std::string_view key) {
  const auto it =
      std::find_if(n.entries.begin(), n.entries.end(), [&](const MapEntry& e) { return e.key == key; });
  return it == n.entries.end() ? n.mark : it->mark;
}

// ---------------------------------------------------------------------------------------
// Decoding of each file kind.

class FileDecoder final : public DocumentVisitor {
 public:
  FileDecoder(const FileContext& context, Records& out)
      : context_(context), out_(out), decoder_(context_.path, out.diagnostics) {
    header_.kind = Node::Kind::map;
    header_.mark = {1, 1};
  }

  [[nodiscard]] std::size_t max_values() const override { return max_values_per_value; }
  [[nodiscard]] bool streams(std::string_view key) const override {
    const char* list = list_key(context_.kind);
    return list != nullptr && key == list;
  }

  void on_item(std::string_view /*key*/, const Node& item, bool clean) override {
    decoder_.begin_record();
    if (clean) {
      decode_item(item);
    }
    if (!clean || !decoder_.record_ok()) {
      ++skipped_;
      keep_rejected_references(item, context_.kind, source_of(item), out_.rejected_references);
    }
  }

  void on_entry(const MapEntry& entry, bool clean) override {
    header_.entries.push_back(entry);
    header_clean_ = header_clean_ && clean;
  }

  // Checks the top-level keys once the whole file was read; false: drop the file.
  bool finish() {
    decoder_.begin_record();
    if (!header_clean_) {
      return false;
    }
    switch (context_.kind) {
      case FileKind::settings:
        decode_settings();
        break;
      case FileKind::calendar:
        decode_calendar();
        break;
      case FileKind::person:
        decode_person();
        break;
      case FileKind::program:
        decode_program();
        break;
      case FileKind::pairings:
      case FileKind::trainings:
      case FileKind::applications:
        check_header({"school_year", list_key(context_.kind)}, "school_year");
        break;
      case FileKind::log:
        check_header({"mentor", "entries"}, "mentor");
        break;
      case FileKind::observations:
        check_header({"mentee", "observations"}, "mentee");
        break;
      case FileKind::evidence:
        check_header({"person", "evidence"}, "person");
        break;
      case FileKind::certificates:
        check_header({"certificates"}, "");
        break;
    }
    return decoder_.record_ok();
  }

  [[nodiscard]] std::size_t skipped() const { return skipped_; }

 private:
  Source source_of(const Node& node) const { return Source{context_.index, node.mark}; }

  std::string what() const { return fmt::format("the {}", file_kind_name(context_.kind)); }

  // Top-level keys of a file with one list: `id_key` must match the file name.
  void check_header(std::initializer_list<std::string_view> allowed, std::string_view id_key) {
    decoder_.expect_map(header_, what(), allowed);
    for (const auto key : allowed) {
      const Node* value = decoder_.required(header_, key, what());
      if (value == nullptr) {
        continue;
      }
      if (key == list_key(context_.kind)) {
        decoder_.list(value, key);
      } else if (key == "school_year") {
        check_school_year(value);
      } else if (key == id_key) {
        check_id_matches(value, key);
      }
    }
  }

  void check_school_year(const Node* value) {
    const auto year = decoder_.school_year(value, "school_year");
    if (year && context_.year && *year != *context_.year) {
      decoder_.error(value->mark, "bad-school-year",
                     fmt::format("school_year {} differs from the file name {}; they must be equal",
                                 format_school_year(*year), stem_of(context_.path)));
    }
  }

  void check_id_matches(const Node* value, std::string_view key) {
    const auto id = decoder_.id(value, key);
    if (id && *id != context_.stem) {
      decoder_.error(value->mark, "id-mismatch",
                     fmt::format("{} '{}' differs from the file name '{}.yaml'; rename the file or "
                                 "fix the {}",
                                 key, *id, context_.stem, key));
    }
  }

  // The person a date-bounded record file covers must date it inside the school year.
  void decode_item(const Node& item) {
    switch (context_.kind) {
      case FileKind::pairings:
        decode_pairing(item);
        break;
      case FileKind::log:
        decode_log_entry(item);
        break;
      case FileKind::observations:
        decode_observation(item);
        break;
      case FileKind::trainings:
        decode_session(item);
        break;
      case FileKind::applications:
        decode_application(item);
        break;
      case FileKind::evidence:
        decode_evidence(item);
        break;
      case FileKind::certificates:
        decode_certificate(item);
        break;
      default:
        break;
    }
  }

  void decode_settings() {
    Decoder& d = decoder_;
    const Node& n = header_;
    d.expect_map(n, what(), {"mentorctl", "organization", "school_year_start", "school_days", "currency"});
    Settings s;
    s.source = source_of(n);
    if (const Node* version = d.required(n, "mentorctl", what())) {
      if (version->is_scalar() && version->scalar == ScalarType::integer && version->text == "1") {
        s.version = 1;
      } else {
        d.error(version->mark, "bad-format-version",
                fmt::format("records format '{}' is not supported; this mentorctl reads format 1 "
                            "(write 'mentorctl: 1')",
                            version->is_scalar() ? version->text : describe_node(*version)));
      }
    }
    if (auto value = d.text(d.required(n, "organization", what()), "organization")) {
      s.organization = *value;
    }
    if (const Node* start = n.find("school_year_start")) {
      if (start->is_scalar() && start->scalar == ScalarType::string) {
        if (const auto md = parse_month_day(start->text)) {
          s.school_year_start = *md;
        } else {
          d.error(start->mark, "bad-date",
                  fmt::format("'{}' is not a month and day for 'school_year_start'; write MM-DD, "
                              "e.g. 08-01 (02-29 is not allowed)",
                              start->text));
        }
      } else {
        d.error(start->mark, "wrong-type",
                fmt::format("'school_year_start' must be MM-DD text like 08-01, not {}",
                            describe_node(*start)));
      }
    }
    if (const auto* days = d.list(n.find("school_days"), "school_days")) {
      s.school_days.fill(false);
      static const std::array<std::string_view, 7> names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
      for (const auto& day : *days) {
        if (const auto name = d.choice(&day, "school_days", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})) {
          const auto it = std::find(names.begin(), names.end(), *name);
          s.school_days[static_cast<std::size_t>(it - names.begin())] = true;
        }
      }
    }
    if (const Node* currency = n.find("currency")) {
      if (auto value = d.text(currency, "currency")) {
        if (value->size() == 3 && std::all_of(value->begin(), value->end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
          s.currency = *value;
        } else {
          d.error(currency->mark, "bad-value",
                  fmt::format("'{}' is not a currency code; write three capital letters like USD", *value));
        }
      }
    }
    if (d.record_ok()) {
      out_.settings = s;
      out_.has_settings = true;
    }
  }

  void decode_calendar() {
    Decoder& d = decoder_;
    const Node& n = header_;
    d.expect_map(n, what(), {"school_year", "first_day", "last_day", "breaks", "closed"});
    Calendar c;
    c.source = source_of(n);
    if (const Node* year = d.required(n, "school_year", what())) {
      check_school_year(year);
    }
    c.year = context_.year.value_or(SchoolYear{});
    const auto first = d.date(d.required(n, "first_day", what()), "first_day");
    const auto last = d.date(d.required(n, "last_day", what()), "last_day");
    if (first && last) {
      c.first_day = *first;
      c.last_day = *last;
      c.first_day_mark = key_mark(n, "first_day");
      c.last_day_mark = key_mark(n, "last_day");
      if (*last < *first) {
        d.error(n.find("last_day")->mark, "bad-range",
                fmt::format("last_day {} is before first_day {}", format_date(*last), format_date(*first)));
      }
    }
    if (const auto* breaks = d.list(n.find("breaks"), "breaks")) {
      for (const auto& item : *breaks) {
        if (!d.expect_map(item, "a break", {"name", "from", "to"})) {
          continue;
        }
        Break b;
        b.source = source_of(item);
        if (const Node* name = item.find("name")) {
          b.name = d.text(name, "name").value_or("");
        }
        const auto from = d.date(d.required(item, "from", "a break"), "from");
        const auto to = d.date(d.required(item, "to", "a break"), "to");
        if (from && to) {
          b.from = *from;
          b.to = *to;
          if (*to < *from) {
            d.error(item.find("to")->mark, "bad-range",
                    fmt::format("break ends ({}) before it starts ({})", format_date(*to), format_date(*from)));
          }
          c.breaks.push_back(b);
        }
      }
    }
    c.closed = d.date_list(n.find("closed"), "closed");
    if (d.record_ok()) {
      out_.calendars.push_back(std::move(c));
    }
  }

  void decode_person() {
    Decoder& d = decoder_;
    const Node& n = header_;
    const char* w = "the person file";
    d.expect_map(n, w, {"id", "name", "email", "roles", "programs", "enrolled", "left", "district", "site",
                        "position", "subjects", "grades", "credential", "career_start", "position_start",
                        "rating", "capacity", "attributes"});
    Person p;
    p.source = source_of(n);
    if (const Node* id = d.required(n, "id", w)) {
      check_id_matches(id, "id");
    }
    p.id = context_.stem;
    p.name = d.text(d.required(n, "name", w), "name").value_or("");
    if (const Node* email = n.find("email")) {
      p.email = d.text(email, "email").value_or("");
      p.email_mark = email->mark;
      if (d.record_ok() && p.email.find('@') == std::string::npos) {
        d.error(email->mark, "bad-value", fmt::format("'{}' is not an email address", p.email));
      }
    }
    p.roles = d.id_list(d.required(n, "roles", w), "roles");
    p.programs = d.id_list(n.find("programs"), "programs");
    const auto optional_date = [&](const char* key, std::optional<Date>& target) {
      if (const Node* value = n.find(key)) {
        target = d.date(value, key);
      }
    };
    optional_date("enrolled", p.enrolled);
    optional_date("left", p.left);
    optional_date("career_start", p.career_start);
    optional_date("position_start", p.position_start);
    const auto optional_text = [&](const char* key, std::string& target) {
      if (const Node* value = n.find(key)) {
        target = d.text(value, key).value_or("");
      }
    };
    optional_text("district", p.district);
    optional_text("site", p.site);
    optional_text("position", p.position);
    optional_text("credential", p.credential);
    optional_text("rating", p.rating);
    p.subjects = d.text_list(n.find("subjects"), "subjects");
    p.grades = d.text_list(n.find("grades"), "grades");
    if (const Node* capacity = n.find("capacity")) {
      if (const auto value = d.count(capacity, "capacity")) {
        p.capacity = static_cast<int>(*value);
      }
    }
    if (const Node* attributes = n.find("attributes")) {
      if (attributes->is_map()) {
        for (const auto& entry : attributes->entries) {
          if (auto value = d.text(&entry.value, entry.key)) {
            p.attributes.emplace_back(entry.key, std::move(*value));
          }
        }
      } else {
        d.error(attributes->mark, "wrong-type",
                fmt::format("'attributes' must be a mapping of name: value, not {}", describe_node(*attributes)));
      }
    }
    if (d.record_ok()) {
      out_.people.push_back(std::move(p));
    } else {
      out_.rejected_people.push_back(std::move(p));
    }
  }

  std::optional<Condition> decode_condition(const std::string& attribute, const Node& value, Mark mark) {
    Decoder& d = decoder_;
    Condition c;
    c.attribute = attribute;
    c.mark = mark;
    if (!value.is_map()) {
      if (const auto text = d.scalar_text(&value, attribute)) {
        c.op = Condition::Op::equals;
        c.values = {*text};
        return c;
      }
      return std::nullopt;
    }
    d.expect_map(value, fmt::format("the condition on '{}'", attribute), {"min", "max", "in", "equals", "present"});
    if (value.entries.size() != 1) {
      d.error(value.mark, "bad-value",
              fmt::format("the condition on '{}' needs exactly one of min, max, in, equals, present", attribute));
      return std::nullopt;
    }
    return decode_operator(c, value.entries.front()) ? std::optional<Condition>(c) : std::nullopt;
  }

  // Reads one of min/max/in/equals/present into `c`.
  bool decode_operator(Condition& c, const MapEntry& entry) {
    Decoder& d = decoder_;
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

  void decode_requirement(const Node& item, Program& program) {
    Decoder& d = decoder_;
    const char* w = "a requirement";
    static const std::vector<std::string_view> any_type_fields = {
        "id",      "type",   "text",   "severity",  "per", "min",    "max",     "min_hours", "kinds", "during",
        "partial", "within", "scope",  "attribute", "in",  "equals", "present", "subject",   "when"};
    if (!d.expect_map(item, w, any_type_fields)) {
      return;
    }
    Requirement r;
    r.source = source_of(item);
    const auto id = d.id(d.required(item, "id", w), "id");
    const auto type = d.choice(d.required(item, "type", w), "type",
                               {"hours", "meetings", "observations", "milestone", "training", "eligibility",
                                "caseload", "matched-within"});
    if (!id || !type) {
      return;
    }
    r.id = *id;
    static const std::vector<std::string> types = {"hours", "meetings", "observations", "milestone",
                                                   "training", "eligibility", "caseload", "matched-within"};
    r.type = static_cast<RequirementType>(std::find(types.begin(), types.end(), *type) - types.begin());
    if (const Node* text = item.find("text")) {
      r.text = d.text(text, "text").value_or("");
    }
    if (const Node* severity = item.find("severity")) {
      if (const auto value = d.choice(severity, "severity", {"error", "warning"})) {
        r.severity = *value == "error" ? Severity::error : Severity::warning;
      }
    }
    // Which fields each type takes, besides id, type, text, severity and when.
    std::vector<std::string_view> fields;
    switch (r.type) {
      case RequirementType::hours:
      case RequirementType::meetings:
        fields = {"per", "min", "max", "kinds", "during", "partial"};
        break;
      case RequirementType::observations:
        fields = {"per", "min", "max", "during", "partial"};
        break;
      case RequirementType::milestone:
      case RequirementType::matched_within:
        fields = {"within"};
        break;
      case RequirementType::training:
        fields = {"min", "min_hours", "kinds", "scope"};
        break;
      case RequirementType::eligibility:
        fields = {"attribute", "min", "max", "in", "equals", "present", "subject"};
        break;
      case RequirementType::caseload:
        fields = {"max"};
        break;
    }
    static const std::vector<std::string_view> common = {"id", "type", "text", "severity", "when"};
    for (const auto& entry : item.entries) {
      // A field no requirement takes was reported above, with its likely spelling.
      const bool any_type = std::find(any_type_fields.begin(), any_type_fields.end(), entry.key) != any_type_fields.end();
      if (any_type && std::find(common.begin(), common.end(), entry.key) == common.end() &&
          std::find(fields.begin(), fields.end(), entry.key) == fields.end()) {
        d.error(entry.mark, "unknown-field",
                fmt::format("'{}' does not apply to a requirement of type {}; it takes: {}", entry.key, *type,
                            fmt::join(fields, ", ")));
      }
    }
    const bool is_pair_rule = r.type == RequirementType::hours || r.type == RequirementType::meetings ||
                              r.type == RequirementType::observations;
    if (is_pair_rule) {
      if (const auto per = d.choice(d.required(item, "per", w), "per", {"week", "month", "school-year", "pairing"})) {
        r.per = *per == "week" ? PeriodKind::week
                : *per == "month" ? PeriodKind::month
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
            d.error(during->mark, "bad-value", "'during' needs exactly one of 'first' or 'after', e.g. {first: 6mo}");
          } else if (const auto span = d.span(&during->entries.front().value, during->entries.front().key)) {
            r.during = During{during->entries.front().key == "first", *span};
          }
        }
      }
    }
    if (r.type == RequirementType::hours || r.type == RequirementType::meetings ||
        r.type == RequirementType::training) {
      if (const Node* kinds = item.find("kinds")) {
        for (auto& kind : d.id_list(kinds, "kinds")) {
          r.kinds.push_back(std::move(kind.id));
        }
      }
    }
    if (r.type == RequirementType::milestone || r.type == RequirementType::matched_within) {
      r.within = d.span(d.required(item, "within", w), "within");
    }
    if (r.type == RequirementType::training) {
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
    if (r.type == RequirementType::caseload) {
      r.max = d.count(d.required(item, "max", w), "max");
    }
    if (r.type == RequirementType::eligibility) {
      Condition c;
      const Node* attribute_node = d.required(item, "attribute", w);
      if (auto attribute = d.attribute_name(attribute_node, "attribute")) {
        c.attribute = *attribute;
        d.check_attribute(c.attribute, attribute_node->mark, false);
      }
      c.mark = item.mark;
      int operators = 0;
      for (const auto& entry : item.entries) {
        if (entry.key == "min" || entry.key == "max" || entry.key == "in" || entry.key == "equals" ||
            entry.key == "present") {
          ++operators;
          decode_operator(c, entry);
        }
      }
      if (operators != 1) {
        d.error(item.mark, operators == 0 ? "missing-field" : "bad-value",
                fmt::format("eligibility requirement '{}' needs exactly one of min, max, in, equals, present", r.id));
      }
      r.condition = c;
      if (const Node* subject = item.find("subject")) {
        r.subject_mentee = d.choice(subject, "subject", {"mentor", "mentee"}).value_or("mentor") == "mentee";
      }
    }
    if (const Node* when = item.find("when")) {
      if (!when->is_map()) {
        d.error(when->mark, "wrong-type",
                fmt::format("'when' must be a mapping of conditions like {{service_year: 1}}, not {}",
                            describe_node(*when)));
      } else {
        for (const auto& entry : when->entries) {
          if (auto c = decode_condition(entry.key, entry.value, entry.mark)) {
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

  void decode_matching(const Node& n, Program& program) {
    Decoder& d = decoder_;
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
          m.require.push_back(std::move(*name));
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
            m.prefer.emplace_back(entry.key, static_cast<int>(*weight));
          }
        }
      }
    }
    program.matching = std::move(m);
  }

  void decode_stipend(const Node& n, Program& program) {
    Decoder& d = decoder_;
    if (!d.expect_map(n, "'stipend'", {"basis", "amount", "by_district", "prorate", "requires", "currency"})) {
      return;
    }
    Stipend s;
    s.source = source_of(n);
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

  void decode_certification(const Node& n, Program& program) {
    Decoder& d = decoder_;
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
        if (std::any_of(c.levels.begin(), c.levels.end(), [&](const Level& other) { return other.id == level.id; })) {
          d.error(item.mark, "duplicate-id", fmt::format("level '{}' is listed twice", level.id));
        }
        c.levels.push_back(std::move(level));
      }
      for (const auto& level : c.levels) {
        for (const auto& required : level.requires_) {
          if (std::none_of(c.levels.begin(), c.levels.end(), [&](const Level& l) { return l.id == required.id; })) {
            d.error(required.mark, "unknown-level",
                    fmt::format("level '{}' requires '{}', which is not a level of this program", level.id,
                                required.id));
          }
        }
      }
    }
    program.certification = std::move(c);
  }

  void decode_program() {
    Decoder& d = decoder_;
    const Node& n = header_;
    const char* w = "the program file";
    d.expect_map(n, w, {"id", "name", "mentor_role", "mentee_role", "log_fields", "requirements", "matching",
                        "stipend", "certification"});
    Program p;
    p.source = source_of(n);
    if (const Node* id = d.required(n, "id", w)) {
      check_id_matches(id, "id");
    }
    p.id = context_.stem;
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
        decode_requirement(item, p);
      }
    }
    if (const Node* matching = n.find("matching")) {
      decode_matching(*matching, p);
    }
    if (const Node* stipend = n.find("stipend")) {
      decode_stipend(*stipend, p);
    }
    if (const Node* certification = n.find("certification")) {
      decode_certification(*certification, p);
    }
    if (p.stipend) {
      for (const auto& required : p.stipend->requires_) {
        if (p.requirement(required.id) == nullptr) {
          d.error(required.mark, "unknown-requirement",
                  fmt::format("stipend requires '{}', which is not a requirement of this program", required.id));
        }
      }
    }
    if (d.record_ok()) {
      out_.programs.push_back(std::move(p));
    }
  }

  void check_inside_year(const Node& item, std::string_view key, Date day) {
    if (!context_.year) {
      return;
    }
    const DateRange bounds = school_year_bounds(*context_.year, out_.settings.school_year_start);
    if (!bounds.contains(day)) {
      decoder_.error(item.find(key)->mark, "outside-school-year",
                     fmt::format("{} {} is outside school year {} ({} to {}); move the record to the "
                                 "file of the year it belongs to",
                                 key, format_date(day), format_school_year(*context_.year),
                                 format_date(bounds.first), format_date(bounds.last)));
    }
  }

  void decode_pairing(const Node& item) {
    Decoder& d = decoder_;
    const char* w = "a pairing";
    if (!d.expect_map(item, w, {"mentor", "mentee", "program", "start", "end", "note"})) {
      return;
    }
    Pairing p;
    p.source = source_of(item);
    p.year = context_.year.value_or(SchoolYear{});
    auto mentor = d.reference(d.required(item, "mentor", w), "mentor");
    auto mentee = d.reference(d.required(item, "mentee", w), "mentee");
    auto program = d.reference(d.required(item, "program", w), "program");
    const auto start = d.date(d.required(item, "start", w), "start");
    if (const Node* end = item.find("end")) {
      p.end = d.date(end, "end");
    }
    if (const Node* note = item.find("note")) {
      p.note = withheld(d.text(note, "note").value_or(""));
    }
    if (!d.record_ok()) {
      return;
    }
    p.mentor = std::move(*mentor);
    p.mentee = std::move(*mentee);
    p.program = std::move(*program);
    p.start = *start;
    check_inside_year(item, "start", p.start);
    if (p.end && *p.end < p.start) {
      d.error(item.find("end")->mark, "bad-range",
              fmt::format("the pairing ends ({}) before it starts ({})", format_date(*p.end), format_date(p.start)));
    }
    if (p.mentor.id == p.mentee.id) {
      d.error(p.mentee.mark, "self-pairing", fmt::format("'{}' is paired with themself", p.mentor.id));
    }
    if (d.record_ok()) {
      out_.pairings.push_back(std::move(p));
    }
  }

  void decode_log_entry(const Node& item) {
    Decoder& d = decoder_;
    const char* w = "a log entry";
    d.set_confidential(Decoder::marked_confidential(item));
    if (!d.expect_map(item, w, {"date", "mentee", "duration", "kind", "program", "topics", "completes", "notes",
                                "confidential"})) {
      return;
    }
    LogEntry e;
    e.source = source_of(item);
    e.mentor = context_.stem;
    const auto date = d.date(d.required(item, "date", w), "date");
    auto mentee = d.reference(d.required(item, "mentee", w), "mentee");
    const Node* duration_node = d.required(item, "duration", w);
    const auto minutes = d.duration(duration_node, "duration");
    if (minutes && (*minutes <= 0 || *minutes > 24 * 60)) {
      d.error(duration_node->mark, "bad-duration",
              fmt::format("duration {} is out of range; one log entry lasts more than 0m and at most 24h",
                          duration_node->text));
    }
    if (const Node* kind = item.find("kind")) {
      e.kind = d.id(kind, "kind").value_or("meeting");
    }
    if (const Node* program = item.find("program")) {
      e.program = d.reference(program, "program");
    }
    // Confidential first: what is kept of the notes depends on it.
    if (const Node* confidential = item.find("confidential")) {
      e.confidential = d.boolean(confidential, "confidential").value_or(false);
    }
    e.topics = d.text_list(item.find("topics"), "topics");
    e.completes = d.id_list(item.find("completes"), "completes");
    if (const Node* notes = item.find("notes")) {
      // `report hours --include-notes` prints the notes of entries that are not
      // confidential; of the others only whether there are notes is kept.
      e.notes = d.text(notes, "notes").value_or("");
      if (e.confidential) {
        e.notes = withheld(e.notes);
      }
    }
    if (!d.record_ok()) {
      return;
    }
    e.date = *date;
    e.mentee = std::move(*mentee);
    e.minutes = *minutes;
    check_inside_year(item, "date", e.date);
    if (d.record_ok()) {
      out_.logs.push_back(std::move(e));
    }
  }

  void decode_observation(const Node& item) {
    Decoder& d = decoder_;
    const char* w = "an observation";
    d.set_confidential(Decoder::marked_confidential(item));
    if (!d.expect_map(item, w, {"date", "observer", "duration", "focus", "standards", "evidence", "confidential"})) {
      return;
    }
    Observation o;
    o.source = source_of(item);
    o.mentee = context_.stem;
    const auto date = d.date(d.required(item, "date", w), "date");
    auto observer = d.reference(d.required(item, "observer", w), "observer");
    if (const Node* duration = item.find("duration")) {
      o.minutes = d.duration(duration, "duration");
      if (o.minutes && (*o.minutes <= 0 || *o.minutes > 24 * 60)) {
        d.error(duration->mark, "bad-duration",
                fmt::format("duration {} is out of range; an observation lasts more than 0m and at most 24h",
                            duration->text));
      }
    }
    if (const Node* confidential = item.find("confidential")) {
      o.confidential = d.boolean(confidential, "confidential").value_or(false);
    }
    if (const Node* focus = item.find("focus")) {
      o.focus = d.text(focus, "focus").value_or("");
    }
    o.standards = d.text_list(item.find("standards"), "standards");
    if (const Node* evidence = item.find("evidence")) {
      o.evidence = withheld(d.text(evidence, "evidence").value_or(""));
    }
    if (!d.record_ok()) {
      return;
    }
    o.date = *date;
    o.observer = std::move(*observer);
    check_inside_year(item, "date", o.date);
    if (d.record_ok()) {
      out_.observations.push_back(std::move(o));
    }
  }

  void decode_session(const Node& item) {
    Decoder& d = decoder_;
    const char* w = "a training session";
    if (!d.expect_map(item, w, {"id", "date", "kind", "title", "duration", "attendees"})) {
      return;
    }
    TrainingSession s;
    s.source = source_of(item);
    s.year = context_.year.value_or(SchoolYear{});
    const auto id = d.id(d.required(item, "id", w), "id");
    const auto date = d.date(d.required(item, "date", w), "date");
    const auto kind = d.id(d.required(item, "kind", w), "kind");
    if (const Node* title = item.find("title")) {
      s.title = d.text(title, "title").value_or("");
    }
    if (const Node* duration = item.find("duration")) {
      s.minutes = d.duration(duration, "duration");
      if (s.minutes && *s.minutes <= 0) {
        d.error(duration->mark, "bad-duration", "a session's duration must be more than 0m");
      }
    }
    s.attendees = d.id_list(item.find("attendees"), "attendees");
    if (!d.record_ok()) {
      return;
    }
    s.id = *id;
    s.date = *date;
    s.kind = *kind;
    check_inside_year(item, "date", s.date);
    if (d.record_ok()) {
      out_.sessions.push_back(std::move(s));
    }
  }

  void decode_application(const Node& item) {
    Decoder& d = decoder_;
    const char* w = "an application";
    if (!d.expect_map(item, w, {"person", "program", "submitted", "nominated_by", "interview", "decision"})) {
      return;
    }
    Application a;
    a.source = source_of(item);
    a.year = context_.year.value_or(SchoolYear{});
    auto person = d.reference(d.required(item, "person", w), "person");
    auto program = d.reference(d.required(item, "program", w), "program");
    if (const Node* submitted = item.find("submitted")) {
      a.submitted = d.date(submitted, "submitted");
    }
    if (const Node* nominated = item.find("nominated_by")) {
      a.nominated_by = d.reference(nominated, "nominated_by");
    }
    if (const Node* interview = item.find("interview")) {
      a.interview = d.choice(interview, "interview", {"scheduled", "passed", "failed"}).value_or("");
    }
    if (const Node* decision = item.find("decision")) {
      a.decision = d.choice(decision, "decision", {"pending", "selected", "declined"}).value_or("");
    }
    if (!d.record_ok()) {
      return;
    }
    a.person = std::move(*person);
    a.program = std::move(*program);
    if (a.submitted && context_.year) {
      // Applications are made ahead: the previous school year counts too.
      const auto start = out_.settings.school_year_start;
      const DateRange allowed{school_year_bounds(SchoolYear{context_.year->start_year - 1}, start).first,
                              school_year_bounds(*context_.year, start).last};
      if (!allowed.contains(*a.submitted)) {
        d.error(item.find("submitted")->mark, "outside-school-year",
                fmt::format("submitted {} is outside school year {} and the year before it ({} to {})",
                            format_date(*a.submitted), format_school_year(*context_.year),
                            format_date(allowed.first), format_date(allowed.last)));
        return;
      }
    }
    out_.applications.push_back(std::move(a));
  }

  void decode_evidence(const Node& item) {
    Decoder& d = decoder_;
    const char* w = "an evidence entry";
    if (!d.expect_map(item, w, {"criterion", "program", "date", "signed_off_by", "note"})) {
      return;
    }
    Evidence e;
    e.source = source_of(item);
    e.person = context_.stem;
    const Node* criterion = d.required(item, "criterion", w);
    if (const auto text = d.text(criterion, "criterion")) {
      const std::size_t slash = text->find('/');
      if (slash == std::string::npos || !is_valid_id(text->substr(0, slash)) ||
          !is_valid_id(text->substr(slash + 1))) {
        d.error(criterion->mark, "bad-id",
                fmt::format("'{}' is not a criterion; write LEVEL/CRITERION, e.g. entry/recommendation", *text));
      } else {
        e.level = text->substr(0, slash);
        e.criterion = text->substr(slash + 1);
        e.criterion_mark = criterion->mark;
      }
    }
    if (const Node* program = item.find("program")) {
      e.program = d.reference(program, "program");
    }
    const auto date = d.date(d.required(item, "date", w), "date");
    if (const Node* signer = item.find("signed_off_by")) {
      e.signed_off_by = d.reference(signer, "signed_off_by");
    }
    if (const Node* note = item.find("note")) {
      e.note = withheld(d.text(note, "note").value_or(""));
    }
    if (d.record_ok()) {
      e.date = *date;
      out_.evidence.push_back(std::move(e));
    }
  }

  void decode_certificate(const Node& item) {
    Decoder& d = decoder_;
    const char* w = "a certificate";
    if (!d.expect_map(item, w, {"person", "program", "level", "awarded", "awarded_by", "expires"})) {
      return;
    }
    Certificate c;
    c.source = source_of(item);
    auto person = d.reference(d.required(item, "person", w), "person");
    if (const Node* program = item.find("program")) {
      c.program = d.reference(program, "program");
    }
    auto level = d.reference(d.required(item, "level", w), "level");
    const auto awarded = d.date(d.required(item, "awarded", w), "awarded");
    if (const Node* by = item.find("awarded_by")) {
      c.awarded_by = d.reference(by, "awarded_by");
    }
    if (const Node* expires = item.find("expires")) {
      c.expires = d.date(expires, "expires");
    }
    if (!d.record_ok()) {
      return;
    }
    c.person = std::move(*person);
    c.level = std::move(*level);
    c.awarded = *awarded;
    if (c.expires && *c.expires < c.awarded) {
      d.error(item.find("expires")->mark, "bad-range", "the certificate expires before it was awarded");
      return;
    }
    out_.certificates.push_back(std::move(c));
  }

  const FileContext& context_;
  Records& out_;
  Decoder decoder_;
  Node header_;
  bool header_clean_ = true;
  std::size_t skipped_ = 0;
};

// Decodes one file's bytes into `out` (records and diagnostics).
void decode_file(std::string_view content, const FileContext& context, Records& out, FileInfo& info) {
  FileDecoder decoder(context, out);
  out.diagnostics.limit(max_diagnostics_per_file);
  const bool read = read_yaml(content, context.path, out.diagnostics, decoder);
  const bool finished = read && decoder.finish();
  out.diagnostics.end_limit();
  info.skipped_records = decoder.skipped();
  if (!finished) {
    // The file as a whole is unusable: keep its diagnostics, drop its records.
    out.calendars.clear();
    out.people.clear();
    out.programs.clear();
    out.pairings.clear();
    out.logs.clear();
    out.observations.clear();
    out.sessions.clear();
    out.applications.clear();
    out.evidence.clear();
    out.certificates.clear();
    out.has_settings = false;
    info.loaded = false;
    info.skipped_records = 1;
    return;
  }
  info.loaded = true;
}

// The content of a record file. A file over the size limit is not read: `error` then
// says how large it is, as the reader would.
bool read_whole_file(const std::string& path, std::string& out, std::string& error, bool& too_large) {
  auto content = read_file(path, max_file_size);
  too_large = !content && content.error().kind == Error::Kind::too_large;
  if (!content) {
    error = content.error().message;
    return false;
  }
  out = std::move(*content);
  return true;
}

// Asks for transparent huge pages on a large, fresh allocation: first touching hundreds
// of megabytes page by page costs more than copying into them.
void advise_huge_pages(void* data, std::size_t bytes) {
  constexpr std::uintptr_t huge = 2U << 20U;
  const auto first = (reinterpret_cast<std::uintptr_t>(data) + huge - 1) & ~(huge - 1);
  const auto last = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(huge - 1);
  if (bytes >= 8 * huge && last > first) {
    ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  }
}

// Sizes one kind of record's merged vector for every file's count, and points each
// file's slot at its place in it (files in path order).
template <typename T>
void place(std::vector<T> Records::*member, T* PartSlots::*slot, std::size_t kind, Records& into,
           const std::vector<PartCounts>& counts, std::vector<PartSlots>& slots) {
  std::vector<T>& merged = into.*member;
  std::size_t total = 0;
  for (const auto& c : counts) {
    total += c[kind];
  }
  merged.reserve(total);
  advise_huge_pages(merged.data(), total * sizeof(T));
  merged.resize(total);
  std::size_t offset = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    slots[i].*slot = merged.data() + offset;
    offset += counts[i][kind];
  }
}

}  // namespace

const char* file_kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::settings:
      return "settings file";
    case FileKind::calendar:
      return "calendar file";
    case FileKind::person:
      return "person file";
    case FileKind::program:
      return "program file";
    case FileKind::pairings:
      return "pairings file";
    case FileKind::log:
      return "log file";
    case FileKind::observations:
      return "observations file";
    case FileKind::trainings:
      return "trainings file";
    case FileKind::applications:
      return "applications file";
    case FileKind::evidence:
      return "evidence file";
    case FileKind::certificates:
      return "certificates file";
  }
  return "file";
}

std::optional<FileKind> file_kind_of(std::string_view path) {
  if (path == "mentorctl.yaml") {
    return FileKind::settings;
  }
  if (path == "certificates.yaml") {
    return FileKind::certificates;
  }
  const std::size_t slash = path.find('/');
  if (slash == std::string_view::npos || path.size() < 5 || path.substr(path.size() - 5) != ".yaml") {
    return std::nullopt;
  }
  const std::string_view folder = path.substr(0, slash);
  const std::size_t depth = static_cast<std::size_t>(std::count(path.begin(), path.end(), '/'));
  static const std::pair<std::string_view, FileKind> flat[] = {
      {"calendars", FileKind::calendar}, {"people", FileKind::person},           {"programs", FileKind::program},
      {"pairings", FileKind::pairings},  {"trainings", FileKind::trainings},    {"applications", FileKind::applications},
      {"evidence", FileKind::evidence}};
  for (const auto& [name, kind] : flat) {
    if (folder == name) {
      return depth == 1 ? std::optional<FileKind>(kind) : std::nullopt;
    }
  }
  if (folder == "logs" && depth == 2) {
    return FileKind::log;
  }
  if (folder == "observations" && depth == 2) {
    return FileKind::observations;
  }
  return std::nullopt;
}

std::optional<fs::path> find_root(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) {
    return std::nullopt;
  }
  for (;;) {
    if (fs::is_regular_file(dir / "mentorctl.yaml", ec)) {
      return dir;
    }
    if (!dir.has_parent_path() || dir.parent_path() == dir) {
      return std::nullopt;
    }
    dir = dir.parent_path();
  }
}

namespace {

// The context of a file known only by its repository-relative path.
FileContext context_of_path(const std::string& path, FileKind kind) {
  FileContext context;
  context.path = path;
  context.stem = stem_of(path);
  context.kind = kind;
  if (kind == FileKind::calendar || kind == FileKind::pairings || kind == FileKind::trainings ||
      kind == FileKind::applications) {
    context.year = parse_school_year(context.stem);
  } else if (kind == FileKind::log || kind == FileKind::observations) {
    const std::size_t slash = path.find('/');
    const std::size_t second = path.find('/', slash + 1);
    if (slash != std::string::npos && second != std::string::npos) {
      context.year = parse_school_year(path.substr(slash + 1, second - slash - 1));
    }
  }
  return context;
}

}  // namespace

Records load_single_file(std::string_view content, const std::string& path, FileKind kind) {
  Records records;
  const FileContext context = context_of_path(path, kind);
  records.files.push_back(FileInfo{path, kind, false, 0});
  decode_file(content, context, records, records.files.back());
  return records;
}

struct RepositoryScan {
  std::vector<Found> found;
  Diagnostics diagnostics;
  std::size_t skipped_paths = 0;
};

RepositoryFingerprint fingerprint_repository(const fs::path& root, unsigned threads) {
  Records scanned;
  auto scan = std::make_shared<RepositoryScan>();
  scan->found = discover(root, scanned, threads);
  scan->diagnostics = scanned.diagnostics;
  scan->skipped_paths = scanned.skipped_paths;
  const std::vector<Found>& found = scan->found;
  RepositoryFingerprint fingerprint;
  std::string summary;
  for (const auto& file : found) {
    const auto& key = file.key;
    summary += file.context.path;
    summary.push_back('\0');
    if (key) {
      summary += fmt::format("{} {} {} {} {}", key->size, key->mtime_ns, key->ctime_ns, key->inode, key->device);
      fingerprint.newest_change_ns = std::max({fingerprint.newest_change_ns, key->mtime_ns, key->ctime_ns});
    }
    summary.push_back('\n');
  }
  for (const auto& d : scanned.diagnostics.items()) {
    summary += format_diagnostic(d);
    summary.push_back('\n');
  }
  fingerprint.digest = hash_bytes(summary);
  fingerprint.scan = std::move(scan);
  return fingerprint;
}

Records load_records(const fs::path& root, const LoadOptions& options, const FileOverrides& overrides) {
  Records records;
  records.root = root.string();
  std::vector<Found> found;
  if (options.scan) {
    found = options.scan->found;
    records.diagnostics.append(options.scan->diagnostics);
    records.skipped_paths = options.scan->skipped_paths;
  } else {
    found = discover(root, records, options.threads);
  }
  // Overridden files that do not exist yet join the others in path order.
  for (const auto& override_file : overrides) {
    const std::string& path = override_file.first;
    const auto kind = file_kind_of(path);
    if (kind && std::none_of(found.begin(), found.end(), [&](const Found& f) { return f.context.path == path; })) {
      found.push_back(Found{context_of_path(path, *kind), (root / path).string(), std::nullopt});
    }
  }
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) { return a.context.path < b.context.path; });
  for (std::size_t i = 0; i < found.size(); ++i) {
    found[i].context.index = static_cast<std::uint32_t>(i);
    records.files.push_back(FileInfo{found[i].context.path, found[i].context.kind, false, 0});
  }

  // The settings come first: other files need the school-year start.
  std::vector<Records> parts(found.size());
  const auto read_and_decode = [&](std::size_t i, std::string& content) {
    Records& part = parts[i];
    part.settings = records.settings;
    std::string error;
    bool too_large = false;
    if (const auto it = overrides.find(found[i].context.path); it != overrides.end()) {
      content = it->second;
    } else if (!read_whole_file(found[i].absolute, content, error, too_large)) {
      if (too_large) {
        // Its size as discovery saw it (the file was not read), or as much as is known.
        const auto& key = found[i].key;
        part.diagnostics.error(
            found[i].context.path, {1, 1}, "file-too-large",
            key && key->size > max_file_size
                ? fmt::format("file is {} bytes, over the limit of 16 MiB; split it", key->size)
                : std::string("file is more than 16 MiB, over the limit; split it"));
      } else {
        part.diagnostics.error(found[i].context.path, {1, 1}, "unreadable",
                               fmt::format("cannot read the file: {}", error));
      }
      records.files[i].skipped_records = 1;
      return false;
    }
    decode_file(content, found[i].context, part, records.files[i]);
    return true;
  };
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (found[i].context.kind == FileKind::settings) {
      std::string content;
      read_and_decode(i, content);
      if (parts[i].has_settings) {
        records.settings = parts[i].settings;
        records.has_settings = true;
      }
    }
  }

  // Every other file comes from the cache when its key (and, for a racy entry, its
  // content) is unchanged, else from the file; what was parsed is serialized for the next
  // load. The settings file is always parsed: everything else depends on it.
  const std::uint64_t scan_start = wall_clock_ns();
  const RecordCache cache = options.cache_dir && !options.rebuild_cache
                                ? RecordCache::open(*options.cache_dir, records.settings.school_year_start)
                                : RecordCache();
  struct Cached {
    std::optional<FileKey> key;
    const RecordCache::Entry* reused = nullptr;  // a hit: its records are read in the merge
    std::string blob;                            // newly serialized
    std::uint64_t content_hash = 0;
  };
  std::vector<Cached> cached(options.cache_dir ? found.size() : 0);
  const auto load_one = [&](std::size_t i) {
    const std::string& path = found[i].context.path;
    if (!options.cache_dir || overrides.contains(path)) {
      std::string content;
      read_and_decode(i, content);
      return;
    }
    Cached& slot = cached[i];
    slot.key = found[i].key;  // taken before reading: a later change gets a new key
    const RecordCache::Entry* entry = slot.key ? cache.find(path) : nullptr;
    std::string content;
    bool have_content = false;
    if (entry != nullptr && entry->key == *slot.key) {
      bool same = !entry->racy;
      if (entry->racy) {
        std::string error;
        bool too_large = false;
        have_content = read_whole_file(found[i].absolute, content, error, too_large);
        same = have_content && hash_bytes(content) == entry->content_hash;
      }
      if (same) {
        slot.reused = entry;
        slot.content_hash = entry->content_hash;
        return;
      }
    }
    if (have_content) {
      parts[i].settings = records.settings;
      decode_file(content, found[i].context, parts[i], records.files[i]);
    } else if (!read_and_decode(i, content)) {
      slot.key.reset();  // unreadable: never cached
      return;
    }
    slot.blob = serialize_part(parts[i], records.files[i]);
    if (slot.key && RecordCache::is_racy(*slot.key, scan_start)) {
      slot.content_hash = hash_bytes(content);
    }
  };
  if (options.progress != nullptr) {
    options.progress->files_total = found.size();
  }

  const auto in_parallel = [&](const std::function<void(std::size_t)>& task) {
    parallel_for(found.size(), options.threads, task);
  };
  in_parallel([&](std::size_t i) {
    if (found[i].context.kind != FileKind::settings) {
      load_one(i);
    }
    if (options.progress != nullptr) {
      ++options.progress->files_done;
    }
  });

  // Merge in path order, so the result never depends on scheduling: every file's records
  // get their place in the merged vectors, and cache hits are decoded straight into it.
  std::vector<PartCounts> counts(found.size());
  for (std::size_t i = 0; i < found.size(); ++i) {
    const bool hit = options.cache_dir && cached[i].reused != nullptr;
    counts[i] = hit ? cached[i].reused->counts : part_counts(parts[i]);
  }
  std::vector<PartSlots> slots(found.size());
  for_each_record_kind(
      [&](std::size_t kind, auto records_member, auto slot) { place(records_member, slot, kind, records, counts, slots); });
  std::atomic<bool> damaged{false};
  in_parallel([&](std::size_t i) {
    if (options.cache_dir && cached[i].reused != nullptr) {
      if (!deserialize_part_into(cached[i].reused->blob, found[i].context.index, counts[i], slots[i],
                                 records.files[i], parts[i].diagnostics)) {
        damaged = true;
      }
      return;
    }
    Records& part = parts[i];
    for_each_record_kind([&](std::size_t, auto records_member, auto slot) {
      std::move((part.*records_member).begin(), (part.*records_member).end(), slots[i].*slot);
    });
    Diagnostics diagnostics = std::move(part.diagnostics);
    part = Records();
    part.diagnostics = std::move(diagnostics);
  });
  if (damaged) {
    // A cache entry that passed its hash yet does not decode: never trust the cache for
    // this load, and replace it (else every later load would pay for it again).
    LoadOptions rebuild = options;
    rebuild.rebuild_cache = true;
    rebuild.scan.reset();
    return load_records(root, rebuild, overrides);
  }
  for (const auto& part : parts) {
    records.diagnostics.append(part.diagnostics);
  }

  if (options.cache_dir) {
    std::vector<RecordCache::NewEntry> entries;
    std::size_t reused = 0;
    for (std::size_t i = 0; i < found.size(); ++i) {
      const Cached& slot = cached[i];
      if (!slot.key || found[i].context.kind == FileKind::settings || overrides.contains(found[i].context.path)) {
        continue;
      }
      reused += slot.reused != nullptr ? 1 : 0;
      entries.push_back(RecordCache::NewEntry{found[i].context.path, *slot.key, slot.content_hash, counts[i],
                                              slot.reused != nullptr ? slot.reused->blob : std::string_view(slot.blob)});
    }
    // Written only when something was parsed or a file went away.
    if (reused != entries.size() || reused != cache.size()) {
      RecordCache::save(*options.cache_dir, records.settings.school_year_start, scan_start, entries);
    }
  }
  return records;
}

}  // namespace mentorctl
