#include "repo/repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <tuple>

namespace mentorctl {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string application_key(std::string_view person, std::string_view program, SchoolYear year) {
  return fmt::format("{}\n{}\n{}", person, program, year.start_year);
}

template <typename Map, typename Key>
const auto& find_or_empty(const Map& map, const Key& key) {
  static const typename Map::mapped_type none;
  const auto it = map.find(key);
  return it == map.end() ? none : it->second;
}

}  // namespace

Repository::Repository(const Records& records) : records_(records), calendars_(records), conditions_(*this) {
  people_.reserve(records.people.size());
  for (const auto& p : records.people) {
    people_.emplace(p.id, &p);
    if (!p.email.empty()) {
      people_by_email_[lowercase(p.email)].push_back(&p);
    }
  }
  for (std::size_t i = 0; i < records.files.size(); ++i) {
    const FileInfo& file = records.files[i];
    const std::size_t slash = file.path.rfind('/');
    const std::string_view name = std::string_view(file.path).substr(slash + 1);
    if (file.kind != FileKind::person || !file.has_errors() || name.size() <= 5 ||
        people_.count(name.substr(0, name.size() - 5)) != 0) {
      continue;
    }
    Person& stand_in = unverified_people_.emplace_back();
    stand_in.id = std::string(name.substr(0, name.size() - 5));  // people/ID.yaml
    stand_in.source.file = static_cast<std::uint32_t>(i);
    stand_in.source.mark = {1, 1};
    unverified_.emplace(stand_in.id, &stand_in);
  }
  for (const auto& program : records.programs) {
    programs_by_id_.emplace(program.id, &program);
    programs_.push_back(&program);
    for (const auto& r : program.requirements) {
      sources_.emplace(&r, fmt::format("{}:{}", records.path_of(r.source), r.source.mark.line));
    }
  }
  std::stable_sort(programs_.begin(), programs_.end(),
                   [](const Program* a, const Program* b) { return a->id < b->id; });
  for (const auto& pairing : records.pairings) {
    program_pairings_[pairing.program.id].push_back(&pairing);
  }
  const auto pair_order = [](const Pairing* a, const Pairing* b) {
    return std::tie(a->mentor.id, a->mentee.id, a->start) < std::tie(b->mentor.id, b->mentee.id, b->start);
  };
  for (auto& [program, list] : program_pairings_) {
    if (!std::is_sorted(list.begin(), list.end(), pair_order)) {
      std::stable_sort(list.begin(), list.end(), pair_order);
    }
    for (const Pairing* p : list) {
      mentor_pairings_[{program, p->mentor.id}].push_back(p);
      mentee_pairings_[{program, p->mentee.id}].push_back(p);
    }
  }
  for (const auto& session : records.sessions) {
    for (const auto& attendee : session.attendees) {
      auto& list = sessions_by_attendee_[attendee.id];
      if (std::find(list.begin(), list.end(), &session) == list.end()) {
        list.push_back(&session);
      }
    }
  }
  for (const auto& application : records.applications) {
    // The first application in file order wins when a person applied twice.
    applications_.emplace(application_key(application.person.id, application.program.id, application.year),
                          &application);
  }
  for (const auto& e : records.evidence) {
    evidence_[e.person].push_back(&e);
  }
  for (const auto& c : records.certificates) {
    certificates_[c.person.id].push_back(&c);
  }
}

const Person* Repository::person(std::string_view id) const {
  const auto it = people_.find(id);
  return it == people_.end() ? nullptr : it->second;
}

const Person* Repository::unverified(std::string_view id) const {
  if (unverified_.empty()) {
    return nullptr;
  }
  const auto it = unverified_.find(id);
  return it == unverified_.end() ? nullptr : it->second;
}

std::vector<const Person*> Repository::people_with_email(std::string_view email) const {
  return find_or_empty(people_by_email_, lowercase(email));
}

const Program* Repository::program(std::string_view id) const {
  const auto it = programs_by_id_.find(id);
  return it == programs_by_id_.end() ? nullptr : it->second;
}

const std::string& Repository::requirement_source(const Requirement& requirement) const {
  return sources_.at(&requirement);
}

const std::vector<const Pairing*>& Repository::pairings_of(std::string_view program) const {
  return find_or_empty(program_pairings_, program);
}

const std::vector<const Pairing*>& Repository::pairings_as_mentor(std::string_view program,
                                                                  std::string_view person) const {
  return find_or_empty(mentor_pairings_, IdPair{program, person});
}

const std::vector<const Pairing*>& Repository::pairings_as_mentee(std::string_view program,
                                                                  std::string_view person) const {
  return find_or_empty(mentee_pairings_, IdPair{program, person});
}

const Repository::PairIndexes& Repository::pair_indexes() const {
  std::call_once(pair_indexes_once_, [this] {
    pair_indexes_.emplace(PairIndexes{
        PairRecords<LogItem>(
            records_.logs, [](const LogEntry& e) -> std::string_view { return e.mentor; },
            [](const LogEntry& e) -> std::string_view { return e.mentee.id; },
            [](const LogEntry& e) {
              return LogItem{&e, e.date, e.program.has_value(), !e.completes.empty(), e.minutes};
            }),
        PairRecords<ObservationItem>(
            records_.observations, [](const Observation& o) -> std::string_view { return o.mentee; },
            [](const Observation& o) -> std::string_view { return o.observer.id; },
            [](const Observation& o) {
              return ObservationItem{&o, o.date};
            })});
  });
  return *pair_indexes_;
}

std::span<const LogItem> Repository::logs_of(std::string_view mentor, std::string_view mentee) const {
  return pair_indexes().logs.of(mentor, mentee);
}

std::span<const ObservationItem> Repository::observations_of(std::string_view mentee,
                                                             std::string_view observer) const {
  return pair_indexes().observations.of(mentee, observer);
}

const std::vector<const TrainingSession*>& Repository::sessions_attended(std::string_view person) const {
  return find_or_empty(sessions_by_attendee_, person);
}

const Application* Repository::application(std::string_view person, std::string_view program,
                                           SchoolYear year) const {
  const auto it = applications_.find(application_key(person, program, year));
  return it == applications_.end() ? nullptr : it->second;
}

const std::vector<const Evidence*>& Repository::evidence_of(std::string_view person) const {
  return find_or_empty(evidence_, person);
}

const std::vector<const Certificate*>& Repository::certificates_of(std::string_view person) const {
  return find_or_empty(certificates_, person);
}

}  // namespace mentorctl
