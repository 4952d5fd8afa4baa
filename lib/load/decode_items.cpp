#include "load/decoders.hpp"

#include "model/values.hpp"

#include <fmt/format.h>

namespace mentorctl {

void decode_pairing(FileScope& f, const Node& item) {
  Decoder& d = f.d;
  const char* w = "a pairing";
  if (!d.expect_map(item, w, {"mentor", "mentee", "program", "start", "end", "note"})) {
    return;
  }
  Pairing p;
  p.source = f.source_of(item);
  p.year = f.context.year.value_or(SchoolYear{});
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
  f.check_inside_year(item, "start", p.start);
  if (p.end && *p.end < p.start) {
    d.error(item.find("end")->mark, "bad-range",
            fmt::format("the pairing ends ({}) before it starts ({})", format_date(*p.end),
                        format_date(p.start)));
  }
  if (p.mentor.id == p.mentee.id) {
    d.error(p.mentee.mark, "self-pairing", fmt::format("'{}' is paired with themself", p.mentor.id));
  }
  if (d.record_ok()) {
    f.out.pairings.push_back(std::move(p));
  }
}

void decode_log_entry(FileScope& f, const Node& item) {
  Decoder& d = f.d;
  const char* w = "a log entry";
  d.set_confidential(Decoder::marked_confidential(item));
  if (!d.expect_map(item, w,
                    {"date", "mentee", "duration", "kind", "program", "topics", "completes", "notes",
                     "confidential"})) {
    return;
  }
  LogEntry e;
  e.source = f.source_of(item);
  e.mentor = f.context.stem;
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
  f.check_inside_year(item, "date", e.date);
  if (d.record_ok()) {
    f.out.logs.push_back(std::move(e));
  }
}

void decode_observation(FileScope& f, const Node& item) {
  Decoder& d = f.d;
  const char* w = "an observation";
  d.set_confidential(Decoder::marked_confidential(item));
  if (!d.expect_map(item, w,
                    {"date", "observer", "duration", "focus", "standards", "evidence", "confidential"})) {
    return;
  }
  Observation o;
  o.source = f.source_of(item);
  o.mentee = f.context.stem;
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
  f.check_inside_year(item, "date", o.date);
  if (d.record_ok()) {
    f.out.observations.push_back(std::move(o));
  }
}

void decode_session(FileScope& f, const Node& item) {
  Decoder& d = f.d;
  const char* w = "a training session";
  if (!d.expect_map(item, w, {"id", "date", "kind", "title", "duration", "attendees"})) {
    return;
  }
  TrainingSession s;
  s.source = f.source_of(item);
  s.year = f.context.year.value_or(SchoolYear{});
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
  f.check_inside_year(item, "date", s.date);
  if (d.record_ok()) {
    f.out.sessions.push_back(std::move(s));
  }
}

void decode_application(FileScope& f, const Node& item) {
  Decoder& d = f.d;
  const char* w = "an application";
  if (!d.expect_map(item, w, {"person", "program", "submitted", "nominated_by", "interview", "decision"})) {
    return;
  }
  Application a;
  a.source = f.source_of(item);
  a.year = f.context.year.value_or(SchoolYear{});
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
  if (a.submitted && f.context.year) {
    // Applications are made ahead: the previous school year counts too.
    const auto start = f.out.settings.school_year_start;
    const DateRange allowed{school_year_bounds(SchoolYear{f.context.year->start_year - 1}, start).first,
                            school_year_bounds(*f.context.year, start).last};
    if (!allowed.contains(*a.submitted)) {
      d.error(item.find("submitted")->mark, "outside-school-year",
              fmt::format("submitted {} is outside school year {} and the year before it ({} to {})",
                          format_date(*a.submitted), format_school_year(*f.context.year),
                          format_date(allowed.first), format_date(allowed.last)));
      return;
    }
  }
  f.out.applications.push_back(std::move(a));
}

void decode_evidence(FileScope& f, const Node& item) {
  Decoder& d = f.d;
  const char* w = "an evidence entry";
  if (!d.expect_map(item, w, {"criterion", "program", "date", "signed_off_by", "note"})) {
    return;
  }
  Evidence e;
  e.source = f.source_of(item);
  e.person = f.context.stem;
  const Node* criterion = d.required(item, "criterion", w);
  if (const auto text = d.text(criterion, "criterion")) {
    const std::size_t slash = text->find('/');
    if (slash == std::string::npos || !is_valid_id(text->substr(0, slash)) ||
        !is_valid_id(text->substr(slash + 1))) {
      d.error(
          criterion->mark, "bad-id",
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
    f.out.evidence.push_back(std::move(e));
  }
}

void decode_certificate(FileScope& f, const Node& item) {
  Decoder& d = f.d;
  const char* w = "a certificate";
  if (!d.expect_map(item, w, {"person", "program", "level", "awarded", "awarded_by", "expires"})) {
    return;
  }
  Certificate c;
  c.source = f.source_of(item);
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
  f.out.certificates.push_back(std::move(c));
}

}  // namespace mentorctl
