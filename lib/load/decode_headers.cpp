#include "load/decoders.hpp"

#include "load/loader.hpp"
#include "model/file_layout.hpp"
#include "model/values.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace mentorctl {

std::string withheld(const std::string& text) {
  return text.empty() ? std::string{} : std::string("(withheld)");
}

Mark key_mark(const Node& n, std::string_view key) {
  const auto it =
      std::find_if(n.entries.begin(), n.entries.end(), [&](const MapEntry& e) { return e.key == key; });
  return it == n.entries.end() ? n.mark : it->mark;
}

std::string FileScope::what() const { return fmt::format("the {}", file_kind_name(context.kind)); }

void FileScope::check_school_year(const Node* value) {
  const auto year = d.school_year(value, "school_year");
  if (year && context.year && *year != *context.year) {
    d.error(value->mark, "bad-school-year",
            fmt::format("school_year {} differs from the file name {}; they must be equal",
                        format_school_year(*year), stem_of(context.path)));
  }
}

void FileScope::check_id_matches(const Node* value, std::string_view key) {
  const auto id = d.id(value, key);
  if (id && *id != context.stem) {
    d.error(value->mark, "id-mismatch",
            fmt::format("{} '{}' differs from the file name '{}.yaml'; rename the file or "
                        "fix the {}",
                        key, *id, context.stem, key));
  }
}

void FileScope::check_inside_year(const Node& item, std::string_view key, Date day) {
  if (!context.year) {
    return;
  }
  const DateRange bounds = school_year_bounds(*context.year, out.settings.school_year_start);
  if (!bounds.contains(day)) {
    d.error(item.find(key)->mark, "outside-school-year",
            fmt::format("{} {} is outside school year {} ({} to {}); move the record to the "
                        "file of the year it belongs to",
                        key, format_date(day), format_school_year(*context.year), format_date(bounds.first),
                        format_date(bounds.last)));
  }
}

const KindDecoder& kind_decoder(FileKind kind) {
  static const std::vector<KindDecoder> decoders = [] {
    std::vector<KindDecoder> all(record_file_layouts().size());
    const auto mapping = [&](FileKind k, void (*decode)(FileScope&, const Node&)) {
      all.at(static_cast<std::size_t>(k)) = KindDecoder{k, decode, nullptr, {}, "", nullptr};
    };
    // `beside`: the key next to the list, which must equal the file's name.
    const auto list = [&](FileKind k, std::string_view beside, void (*decode)(FileScope&, const Node&)) {
      const char* key = record_file_layout(k).list_key;
      std::vector<std::string_view> header_keys;
      if (!beside.empty()) {
        header_keys.push_back(beside);
      }
      header_keys.emplace_back(key);
      all.at(static_cast<std::size_t>(k)) = KindDecoder{k, nullptr, key, header_keys, beside, decode};
    };
    mapping(FileKind::settings, decode_settings);
    mapping(FileKind::calendar, decode_calendar);
    mapping(FileKind::person, decode_person);
    mapping(FileKind::program, decode_program);
    list(FileKind::pairings, "school_year", decode_pairing);
    list(FileKind::log, "mentor", decode_log_entry);
    list(FileKind::observations, "mentee", decode_observation);
    list(FileKind::trainings, "school_year", decode_session);
    list(FileKind::applications, "school_year", decode_application);
    list(FileKind::evidence, "person", decode_evidence);
    list(FileKind::certificates, "", decode_certificate);
    return all;
  }();
  return decoders[static_cast<std::size_t>(kind)];
}

void decode_settings(FileScope& f, const Node& n) {
  Decoder& d = f.d;
  d.expect_map(n, f.what(), {"mentorctl", "organization", "school_year_start", "school_days", "currency"});
  Settings s;
  s.source = f.source_of(n);
  if (const Node* version = d.required(n, "mentorctl", f.what())) {
    if (version->is_scalar() && version->scalar == ScalarType::integer && version->text == "1") {
      s.version = 1;
    } else {
      d.error(version->mark, "bad-format-version",
              fmt::format("records format '{}' is not supported; this mentorctl reads format 1 "
                          "(write 'mentorctl: 1')",
                          version->is_scalar() ? version->text : describe_node(*version)));
    }
  }
  if (auto value = d.text(d.required(n, "organization", f.what()), "organization")) {
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
      d.error(
          start->mark, "wrong-type",
          fmt::format("'school_year_start' must be MM-DD text like 08-01, not {}", describe_node(*start)));
    }
  }
  if (const auto* days = d.list(n.find("school_days"), "school_days")) {
    s.school_days.fill(false);
    static const std::array<std::string_view, 7> names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (const auto& day : *days) {
      if (const auto name =
              d.choice(&day, "school_days", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})) {
        const auto it = std::find(names.begin(), names.end(), *name);
        s.school_days[static_cast<std::size_t>(it - names.begin())] = true;
      }
    }
  }
  if (const Node* currency = n.find("currency")) {
    if (auto value = d.text(currency, "currency")) {
      if (value->size() == 3 &&
          std::all_of(value->begin(), value->end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        s.currency = *value;
      } else {
        d.error(currency->mark, "bad-value",
                fmt::format("'{}' is not a currency code; write three capital letters like USD", *value));
      }
    }
  }
  if (d.record_ok()) {
    f.out.settings = s;
    f.out.has_settings = true;
  }
}

void decode_calendar(FileScope& f, const Node& n) {
  Decoder& d = f.d;
  d.expect_map(n, f.what(), {"school_year", "first_day", "last_day", "breaks", "closed"});
  Calendar c;
  c.source = f.source_of(n);
  if (const Node* year = d.required(n, "school_year", f.what())) {
    f.check_school_year(year);
  }
  c.year = f.context.year.value_or(SchoolYear{});
  const auto first = d.date(d.required(n, "first_day", f.what()), "first_day");
  const auto last = d.date(d.required(n, "last_day", f.what()), "last_day");
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
      b.source = f.source_of(item);
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
    f.out.calendars.push_back(std::move(c));
  }
}

void decode_person(FileScope& f, const Node& n) {
  Decoder& d = f.d;
  const char* w = "the person file";
  d.expect_map(n, w,
               {"id", "name", "email", "roles", "programs", "enrolled", "left", "district", "site",
                "position", "subjects", "grades", "credential", "career_start", "position_start", "rating",
                "capacity", "attributes"});
  Person p;
  p.source = f.source_of(n);
  if (const Node* id = d.required(n, "id", w)) {
    f.check_id_matches(id, "id");
  }
  p.id = f.context.stem;
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
      d.error(
          attributes->mark, "wrong-type",
          fmt::format("'attributes' must be a mapping of name: value, not {}", describe_node(*attributes)));
    }
  }
  if (d.record_ok()) {
    f.out.people.push_back(std::move(p));
  } else {
    f.out.rejected_people.push_back(std::move(p));
  }
}

}  // namespace mentorctl
