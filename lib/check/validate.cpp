#include "check/validate.hpp"

#include "check/missing_data.hpp"

#include "model/calendar.hpp"
#include "model/messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>

namespace mentorctl {
namespace {

class Validator {
 public:
  explicit Validator(Records& records) : r_(records), calendars_(records) {
    people_.reserve(r_.people.size());
    for (const auto& person : r_.people) {
      people_.emplace(person.id, &person);
    }
    for (const auto& program : r_.programs) {
      programs_.emplace(program.id, &program);
      if (program.certification) {
        certifying_.push_back(&program);
      }
    }
    // Files that exist but could not be loaded: references to them are not reported
    // again (their own diagnostics say what is wrong), and checks that depend on them
    // are left out rather than cascading.
    for (const auto& file : r_.files) {
      const bool broken = file.has_errors();
      const std::string stem(file.stem());
      if (file.kind == FileKind::person && broken && people_.count(stem) == 0) {
        broken_people_.insert(stem);
      } else if (file.kind == FileKind::program && !file.loaded) {
        broken_programs_.insert(stem);
      } else if (file.kind == FileKind::pairings && broken) {
        pairings_incomplete_ = true;
      }
    }
  }

  void run() {
    check_people();
    check_calendars();
    check_pairings();
    index_pairings();
    check_logs();
    check_observations();
    check_sessions();
    check_applications();
    check_evidence();
    check_certificates();
    warn_of_missing_data(r_, calendars_);
    r_.diagnostics.sort();
  }

 private:
  const std::string& path(const Source& s) const { return r_.path_of(s); }

  void error(const Source& s, Mark mark, const char* code, std::string message) {
    r_.diagnostics.error(path(s), mark, code, std::move(message));
  }
  void warning(const Source& s, Mark mark, const char* code, std::string message) {
    r_.diagnostics.warning(path(s), mark, code, std::move(message));
  }

  // Removes records for which `bad` is true, counting them as skipped in their file. `bad`
  // sees each record in order and at its place; the kept ones move up over the gaps.
  template <typename T, typename Bad>
  void drop(std::vector<T>& items, Bad bad) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (bad(items[i])) {
        ++r_.files[items[i].source.file].skipped_records;
      } else {
        if (kept != i) {
          items[kept] = std::move(items[i]);
        }
        ++kept;
      }
    }
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(kept), items.end());
  }

  const Person* person(std::string_view id) const {
    const auto it = people_.find(id);
    return it == people_.end() ? nullptr : it->second;
  }
  const Program* program(std::string_view id) const {
    const auto it = programs_.find(id);
    return it == programs_.end() ? nullptr : it->second;
  }

  // Every id of `index`, ascending: the candidates of a "did you mean" (ties go to the first).
  template <typename Index>
  static std::vector<std::string> sorted_ids(const Index& index) {
    std::vector<std::string> ids;
    ids.reserve(index.size());
    for (const auto& [id, record] : index) {
      ids.emplace_back(id);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  // Whether `id` names a person whose file failed to load: *unverified*, not unknown.
  // Records that refer to them stay (one bad file never changes what is reported about
  // the others); only the checks that need the person's file are left out.
  bool unverified(std::string_view id) const { return broken_people_.count(std::string(id)) != 0; }

  // Whether `id` names a person, or one whose file failed to load.
  bool exists_person(std::string_view id) const { return person(id) != nullptr || unverified(id); }

  // An unknown-person error unless `ref` names a person (or an unverified one, whose own
  // file's diagnostics say what is wrong); false when unknown.
  bool known_person(const Source& s, const Reference& ref, std::string_view field) {
    if (exists_person(ref.id)) {
      return true;
    }
    if (person_ids_.empty()) {
      person_ids_ = sorted_ids(people_);
    }
    const std::string suggestion = closest_match(ref.id, person_ids_);
    error(s, ref.mark, "unknown-person",
          not_a_person(field, ref.id) +
              (suggestion.empty() ? std::string() : fmt::format("; did you mean '{}'?", suggestion)));
    return false;
  }

  bool known_program(const Source& s, const Reference& ref) {
    if (program(ref.id) != nullptr) {
      return true;
    }
    if (broken_programs_.count(ref.id) != 0) {
      return false;
    }
    const std::string suggestion = closest_match(ref.id, sorted_ids(programs_));
    error(s, ref.mark, "unknown-program",
          fmt::format("program '{}' does not exist (no programs/{}.yaml){}", ref.id, ref.id,
                      suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion)));
    return false;
  }

  void check_people() {
    // A person file with errors still names its programs: report an unknown one now
    // rather than after the first error is fixed (SPEC 6.1: every diagnostic).
    for (const auto& p : r_.rejected_people) {
      for (const auto& program_ref : p.programs) {
        known_program(p.source, program_ref);
      }
    }
    r_.rejected_people.clear();
    // Likewise the people and programs named by the other records left out for errors.
    for (const auto& rejected : r_.rejected_references) {
      if (!r_.files[rejected.source.file].loaded) {
        continue;  // the file as a whole has errors: none of its records are checked
      } else if (rejected.program) {
        known_program(rejected.source, rejected.reference);
      } else {
        known_person(rejected.source, rejected.reference, rejected.field);
      }
    }
    r_.rejected_references.clear();
    std::map<std::string, const Person*> emails;
    for (const auto& p : r_.people) {
      for (const auto& program_ref : p.programs) {
        known_program(p.source, program_ref);
      }
      if (p.email.empty()) {
        continue;
      }
      // Case-insensitive, as the git identity compares them: two emails that differ only
      // in case would make that person's write commands fail.
      const auto [it, inserted] = emails.emplace(email_key(p.email), &p);
      if (!inserted) {
        error(p.source, p.email_mark, "duplicate-id",
              fmt::format("email {} is already the email of '{}' ({}); emails are unique", p.email,
                          it->second->id, path(it->second->source)));
      }
    }
  }

  void check_calendars() {
    drop(r_.calendars, [&](const Calendar& c) {
      const DateRange bounds = calendars_.bounds(c.year);
      bool ok = true;
      const auto inside = [&](Date day, Mark mark, const char* what) {
        if (!bounds.contains(day)) {
          error(c.source, mark, "outside-school-year",
                fmt::format("{} {} is outside school year {} ({} to {})", what, format_date(day),
                            format_school_year(c.year), format_date(bounds.first), format_date(bounds.last)));
          ok = false;
        }
      };
      inside(c.first_day, c.first_day_mark, "first_day");
      inside(c.last_day, c.last_day_mark, "last_day");
      for (const auto& b : c.breaks) {
        inside(b.from, b.source.mark, "break start");
        inside(b.to, b.source.mark, "break end");
      }
      return !ok;
    });
    // A calendar with an error is left out like any other record: its year falls back to
    // the 2.4 bounds with no breaks (SPEC 2.6, 4.8). The index held views of the old list.
    calendars_ = CalendarIndex(r_);
  }

  void check_pairings() {
    const std::size_t pairings_written = r_.pairings.size();
    drop(r_.pairings, [&](const Pairing& p) {
      // Each reference is checked (and reported) even when an earlier one failed.
      const bool mentor_known = known_person(p.source, p.mentor, "mentor");
      const bool mentee_known = known_person(p.source, p.mentee, "mentee");
      const bool program_known = known_program(p.source, p.program);
      bool ok = mentor_known && mentee_known && program_known;
      if (!ok) {
        return true;
      }
      const Program& prog = *program(p.program.id);
      const Person* mentor = person(p.mentor.id);  // nullptr: unverified
      const Person* mentee = person(p.mentee.id);
      if (mentor != nullptr && !mentor->has_role(prog.mentor_role)) {
        error(p.source, p.mentor.mark, "wrong-role",
              "mentor " + missing_role(mentor->id, prog.mentor_role, prog.id, "mentors"));
        ok = false;
      }
      if (mentee != nullptr && !mentee->has_role(prog.mentee_role)) {
        error(p.source, p.mentee.mark, "wrong-role",
              "mentee " + missing_role(mentee->id, prog.mentee_role, prog.id, "mentees"));
        ok = false;
      }
      const Date end = calendars_.pairing_end(p);
      if (!p.end && end < p.start) {
        error(p.source, p.source.mark, "bad-range",
              fmt::format("the pairing starts {} after the last day of school year {} ({}); give it an 'end'",
                          format_date(p.start), format_school_year(p.year), format_date(end)));
        ok = false;
      }
      for (const Person* who : {mentor, mentee}) {
        if (ok && who != nullptr && who->left && end > *who->left) {
          warning(p.source, p.source.mark, "past-left",
                  fmt::format("the pairing runs to {}, past the day '{}' left ({})", format_date(end), who->id,
                              format_date(*who->left)));
        }
      }
      return !ok;
    });
    // Overlaps: same mentor, mentee and program.
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<const Pairing*>> groups;
    for (const auto& p : r_.pairings) {
      groups[{p.mentor.id, p.mentee.id, p.program.id}].push_back(&p);
    }
    std::set<const Pairing*> overlapping;
    for (auto& [key, list] : groups) {
      std::sort(list.begin(), list.end(), [](const Pairing* a, const Pairing* b) {
        return std::tie(a->start, a->source.file, a->source.mark.line) <
               std::tie(b->start, b->source.file, b->source.mark.line);
      });
      const Pairing* latest = nullptr;
      for (const Pairing* p : list) {
        if (latest != nullptr && p->start <= calendars_.pairing_end(*latest)) {
          error(p->source, p->source.mark, "overlapping-pairing",
                fmt::format("pairing {} – {} in {} overlaps the pairing at {}:{} ({} to {}); end one before the "
                            "other starts",
                            p->mentor.id, p->mentee.id, p->program.id, path(latest->source),
                            latest->source.mark.line, format_date(latest->start),
                            format_date(calendars_.pairing_end(*latest))));
          overlapping.insert(p);
          continue;
        }
        latest = p;
      }
    }
    drop(r_.pairings, [&](const Pairing& p) { return overlapping.count(&p) != 0; });
    pairings_incomplete_ = pairings_incomplete_ || pairings_written != r_.pairings.size() || !broken_programs_.empty();
  }

  // After the last change to r_.pairings: the index holds views of their ids.
  void index_pairings() {
    for (const auto& p : r_.pairings) {
      by_mentor_[p.mentor.id].push_back(&p);
    }
    for (auto& [mentor, list] : by_mentor_) {
      std::stable_sort(list.begin(), list.end(),
                       [](const Pairing* a, const Pairing* b) { return a->mentee.id < b->mentee.id; });
    }
  }

  // The pairings of a mentor, by mentee and then in file order.
  const std::vector<const Pairing*>& pairings_of(std::string_view mentor) const {
    static const std::vector<const Pairing*> none;
    const auto it = by_mentor_.find(mentor);
    return it == by_mentor_.end() ? none : it->second;
  }

  // Those of `mentor_pairings` (pairings_of() a mentor) with `mentee`, in file order.
  static std::span<const Pairing* const> with_mentee(const std::vector<const Pairing*>& mentor_pairings,
                                                     std::string_view mentee) {
    const auto [first, last] =
        std::equal_range(mentor_pairings.begin(), mentor_pairings.end(), mentee,
                         [](const auto& a, const auto& b) { return mentee_of(a) < mentee_of(b); });
    return {first, last};
  }
  static std::string_view mentee_of(const Pairing* p) { return p->mentee.id; }
  static std::string_view mentee_of(std::string_view mentee) { return mentee; }

  // The pairings of `pairs` (with_mentee()), of `program` when given, active on `day`, in
  // file order. The list is reused: it holds until the next call (one per log entry).
  const std::vector<const Pairing*>& active(std::span<const Pairing* const> pairs,
                                            const std::optional<Reference>& program_ref, Date day) {
    active_.clear();
    for (const Pairing* p : pairs) {
      if ((!program_ref || program_ref->id == p->program.id) && p->start <= day && day <= calendars_.pairing_end(*p)) {
        active_.push_back(p);
      }
    }
    return active_;
  }

  // Checks the file's own person (log mentor, observation mentee, evidence person).
  void check_file_person(std::uint32_t file, const std::string& id, const char* what) {
    if (person(id) == nullptr && broken_people_.count(id) == 0 && reported_files_.insert(file).second) {
      r_.diagnostics.error(r_.files[file].path, {1, 1}, "unknown-person", not_a_person(what, id));
    }
  }

  void check_logs() {
    // Entries come file by file, so the mentor is mostly the previous entry's.
    std::optional<std::string> mentor;
    bool mentor_known = false;
    const std::vector<const Pairing*>* mentor_pairings = nullptr;
    drop(r_.logs, [&](const LogEntry& e) {
      if (!mentor || e.mentor != *mentor) {
        mentor = e.mentor;
        mentor_known = exists_person(e.mentor);
        mentor_pairings = &pairings_of(e.mentor);
      }
      if (!mentor_known) {
        check_file_person(e.source.file, e.mentor, "mentor");
      }
      bool ok = mentor_known;
      // The pairings left are between known people: a paired mentee needs no look-up.
      const auto pairs = with_mentee(*mentor_pairings, e.mentee.id);
      ok = (!pairs.empty() || known_person(e.source, e.mentee, "mentee")) && ok;
      if (e.program) {
        ok = known_program(e.source, *e.program) && ok;
      }
      if (!ok) {
        return true;
      }
      const auto& pairings = active(pairs, e.program, e.date);
      if (e.program == std::nullopt && pairings.size() > 1) {
        // Counts for each: fine (SPEC 3.6); nothing to report.
      }
      if (pairings.empty() && pairings_incomplete_) {
        return !ok;  // its pairing may be one that has errors: nothing more to say
      }
      if (pairings.empty()) {
        warning(e.source, e.source.mark, "no-pairing",
                fmt::format("no pairing of {} and {}{} is active on {}; this entry counts for nothing", e.mentor,
                            e.mentee.id, e.program ? fmt::format(" in {}", e.program->id) : "",
                            format_date(e.date)));
      }
      for (const auto& done : e.completes) {
        const bool found =
            pairings.empty()
                ? std::any_of(r_.programs.begin(), r_.programs.end(),
                              [&](const Program& p) { return is_milestone(p, done.id); })
                : std::any_of(pairings.begin(), pairings.end(),
                              [&](const Pairing* p) { return is_milestone(*program(p->program.id), done.id); });
        if (!found) {
          error(e.source, done.mark, "unknown-requirement",
                fmt::format("completes '{}', which is not a milestone requirement of {}", done.id,
                            pairings.empty() ? std::string("any program") : pairings.front()->program.id));
          ok = false;
        }
      }
      for (const Pairing* p : pairings) {
        for (const auto& field : program(p->program.id)->log_fields) {
          const bool present = field == "topics"      ? !e.topics.empty()
                               : field == "completes" ? !e.completes.empty()
                                                      : !e.notes.empty();
          if (!present) {
            error(e.source, e.source.mark, "missing-log-field",
                  fmt::format("program {} requires '{}' on every log entry; add '{}: ...'", p->program.id, field,
                              field));
            ok = false;
          }
        }
      }
      return !ok;
    });
  }

  static bool is_milestone(const Program& p, const std::string& id) {
    const Requirement* r = p.requirement(id);
    return r != nullptr && r->type == RequirementType::milestone;
  }

  void check_observations() {
    drop(r_.observations, [&](const Observation& o) {
      check_file_person(o.source.file, o.mentee, "mentee");
      if (!exists_person(o.mentee) || !known_person(o.source, o.observer, "observer")) {
        return true;
      }
      if (!pairings_incomplete_ &&
          active(with_mentee(pairings_of(o.observer.id), o.mentee), std::nullopt, o.date).empty()) {
        warning(o.source, o.source.mark, "no-pairing",
                fmt::format("no pairing of {} (observer) and {} is active on {}; this observation counts for "
                            "nothing",
                            o.observer.id, o.mentee, format_date(o.date)));
      }
      return false;
    });
  }

  void check_sessions() {
    std::map<std::pair<SchoolYear, std::string>, const TrainingSession*> ids;
    drop(r_.sessions, [&](const TrainingSession& s) {
      bool ok = true;
      const auto [it, inserted] = ids.emplace(std::make_pair(s.year, s.id), &s);
      if (!inserted) {
        error(s.source, s.source.mark, "duplicate-id",
              fmt::format("session id '{}' is already used at line {}; give each session its own id", s.id,
                          it->second->source.mark.line));
        ok = false;
      }
      std::set<std::string> seen;
      for (const auto& attendee : s.attendees) {
        ok = known_person(s.source, attendee, "attendee") && ok;
        if (!seen.insert(attendee.id).second) {
          warning(s.source, attendee.mark, "duplicate-attendee",
                  fmt::format("'{}' is listed twice in session {}", attendee.id, s.id));
        }
      }
      return !ok;
    });
  }

  void check_applications() {
    drop(r_.applications, [&](const Application& a) {
      const bool person_known = known_person(a.source, a.person, "person");
      bool ok = known_program(a.source, a.program) && person_known;
      if (a.nominated_by && known_person(a.source, *a.nominated_by, "nominated_by") &&
          person(a.nominated_by->id) != nullptr && !person(a.nominated_by->id)->has_role("principal")) {
        error(a.source, a.nominated_by->mark, "wrong-role",
              fmt::format("nominated_by '{}' does not hold the role 'principal'", a.nominated_by->id));
        ok = false;
      } else if (a.nominated_by && !exists_person(a.nominated_by->id)) {
        ok = false;
      }
      return !ok;
    });
  }

  // The certifying program a record names, or the only one; nullptr after an error.
  const Program* certifying_program(const Source& s, const std::optional<Reference>& ref, Mark mark) {
    if (ref) {
      if (!known_program(s, *ref)) {
        return nullptr;
      }
      const Program* p = program(ref->id);
      if (!p->certification) {
        error(s, ref->mark, "unknown-program", fmt::format("program '{}' has no certification", ref->id));
        return nullptr;
      }
      return p;
    }
    if (certifying_.size() == 1 && broken_programs_.empty()) {
      return certifying_.front();
    }
    if (!broken_programs_.empty()) {
      return nullptr;  // the certifying program may be the one with errors
    }
    error(s, mark, certifying_.empty() ? "unknown-program" : "ambiguous-program",
          certifying_.empty() ? std::string("no program has certification levels")
                              : "several programs have certification; add 'program: ...' to say which");
    return nullptr;
  }

  const Level* known_level(const Source& s, const Program& p, const std::string& id, Mark mark) {
    if (const Level* level = p.level(id)) {
      return level;
    }
    std::vector<std::string> ids;
    for (const auto& l : p.certification->levels) {
      ids.push_back(l.id);
    }
    error(s, mark, "unknown-level",
          fmt::format("'{}' is not a certification level of {}; levels: {}", id, p.id, fmt::join(ids, ", ")));
    return nullptr;
  }

  void check_evidence() {
    drop(r_.evidence, [&](const Evidence& e) {
      check_file_person(e.source.file, e.person, "person");
      bool ok = exists_person(e.person);
      if (e.signed_off_by) {
        ok = known_person(e.source, *e.signed_off_by, "signed_off_by") && ok;
      }
      const Program* p = certifying_program(e.source, e.program, e.criterion_mark);
      if (p == nullptr) {
        return true;
      }
      const Level* level = known_level(e.source, *p, e.level, e.criterion_mark);
      if (level == nullptr) {
        return true;
      }
      if (std::none_of(level->criteria.begin(), level->criteria.end(),
                       [&](const Criterion& c) { return c.id == e.criterion; })) {
        std::vector<std::string> ids;
        for (const auto& c : level->criteria) {
          ids.push_back(c.id);
        }
        const std::string suggestion = closest_match(e.criterion, ids);
        error(e.source, e.criterion_mark, "unknown-criterion",
              fmt::format("'{}' is not a criterion of level {} in {}{}", e.criterion, e.level, p->id,
                          suggestion.empty() ? fmt::format("; criteria: {}", fmt::join(ids, ", "))
                                             : fmt::format("; did you mean '{}/{}'?", e.level, suggestion)));
        ok = false;
      }
      return !ok;
    });
  }

  void check_certificates() {
    drop(r_.certificates, [&](const Certificate& c) {
      bool ok = known_person(c.source, c.person, "person");
      if (c.awarded_by) {
        ok = known_person(c.source, *c.awarded_by, "awarded_by") && ok;
      }
      const Program* p = certifying_program(c.source, c.program, c.level.mark);
      if (p == nullptr || known_level(c.source, *p, c.level.id, c.level.mark) == nullptr) {
        return true;
      }
      return !ok;
    });
  }

  Records& r_;
  CalendarIndex calendars_;
  // Views of ids held by r_.people and r_.programs, which validation never changes.
  std::unordered_map<std::string_view, const Person*> people_;
  std::unordered_map<std::string_view, const Program*> programs_;
  std::vector<std::string> person_ids_;  // sorted; filled on the first unknown person
  std::vector<const Program*> certifying_;
  std::unordered_map<std::string_view, std::vector<const Pairing*>> by_mentor_;
  std::vector<const Pairing*> active_;  // the result of active()
  std::set<std::uint32_t> reported_files_;
  std::set<std::string> broken_people_;
  std::set<std::string> broken_programs_;
  bool pairings_incomplete_ = false;
};

}  // namespace

void validate(Records& records) { Validator(records).run(); }

}  // namespace mentorctl
