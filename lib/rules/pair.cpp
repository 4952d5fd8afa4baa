// Pair rules (SPEC 4.2): hours, meetings, observations; and milestones (4.3).
#include "rules/internal.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace mentorctl::rules_detail {
namespace {

const date::days one_day{1};

DateRange intersect(const DateRange& a, const DateRange& b) {
  return {std::max(a.first, b.first), std::min(a.last, b.last)};
}

// W of SPEC 4.2: the days `during` selects of a pairing starting on `start`.
DateRange during_window(Date start, Date end, const During& during) {
  const Date boundary = add_span_capped(start, during.span);
  if (during.first) {
    return {start, boundary - one_day};
  }
  return {boundary, end};
}

// ⌈value × part / whole⌉ for non-negative integers.
std::int64_t prorate(std::int64_t value, long part, long whole) {
  const std::int64_t product = value * part;
  return (product + whole - 1) / whole;
}

bool kind_counts(const Requirement& requirement, const std::string& kind) {
  return requirement.kinds.empty() ||
         std::find(requirement.kinds.begin(), requirement.kinds.end(), kind) != requirement.kinds.end();
}

// What comes before a period's label: "in week 2026-W38", "over the pairing 2026-08-24..2027-06-04".
const char* period_words(PeriodKind kind) {
  switch (kind) {
    case PeriodKind::week:
      return "in week ";
    case PeriodKind::month:
      return "in month ";
    case PeriodKind::school_year:
      return "in school year ";
    case PeriodKind::pairing:
      return "over the pairing ";
  }
  return "in ";
}

// `30m`, `2 meetings`, `1 observation` for an amount of what a pair rule counts.
std::string amount_text(RequirementType type, std::int64_t amount) {
  switch (type) {
    case RequirementType::hours:
      return human_quantity(amount, FindingUnit::minutes);
    case RequirementType::observations:
      return plural(amount, "observation", "observations");
    default:
      return plural(amount, "meeting", "meetings");
  }
}

// "1h more", "2 more meetings".
std::string remaining_text(RequirementType type, std::int64_t amount) {
  if (type == RequirementType::hours) {
    return human_quantity(amount, FindingUnit::minutes) + " more";
  }
  const bool one = amount == 1;
  return fmt::format("{} more {}", amount,
                     type == RequirementType::observations ? (one ? "observation" : "observations")
                                                           : (one ? "meeting" : "meetings"));
}

// The amount alone for "x of y" phrases: `30m` for hours, `1` for counts.
std::string bare_amount(RequirementType type, std::int64_t amount) {
  return type == RequirementType::hours ? human_quantity(amount, FindingUnit::minutes)
                                        : std::to_string(amount);
}

struct PeriodCounts {
  std::int64_t actual = 0;
  std::optional<std::int64_t> required;  // the (prorated) min
  long part = 0;                         // A: instructional days of P ∩ E
  long whole = 0;                        // I: instructional days of P
};

// Written into one buffer: a large audit has a message for each of a million findings.
std::string pair_message(const Requirement& r, const PeriodCounts& c, FindingStatus status, PeriodKind kind,
                         const std::string& label, Date last_day) {
  fmt::memory_buffer text;
  const auto out = std::back_inserter(text);
  const bool above = r.max && c.actual > *r.max;
  if (above) {
    fmt::format_to(out, "{}, above the maximum of {}, ", amount_text(r.type, c.actual),
                   bare_amount(r.type, *r.max));
  } else if (c.required) {
    fmt::format_to(out, "{} of {} ", bare_amount(r.type, c.actual), amount_text(r.type, *c.required));
  } else {
    fmt::format_to(out, "{} (maximum {}) ", amount_text(r.type, c.actual), bare_amount(r.type, *r.max));
  }
  fmt::format_to(out, "{}{}", period_words(kind), label);
  if (!above && c.required && c.required != r.min) {
    fmt::format_to(out, " (prorated from {} for {} of {} instructional days)", bare_amount(r.type, *r.min),
                   c.part, c.whole);
  }
  if (status == FindingStatus::due && c.required) {
    fmt::format_to(out, "; {} by {}", remaining_text(r.type, *c.required - c.actual), format_date(last_day));
  }
  return fmt::to_string(text);
}

}  // namespace

Period Auditor::period_containing(PeriodKind kind, Date day) const {
  switch (kind) {
    case PeriodKind::week: {
      const Date monday = iso_week_monday(day);
      return {kind, {monday, monday + date::days{6}}};
    }
    case PeriodKind::month:
      return {kind, {month_first(day), month_last(day)}};
    case PeriodKind::school_year:
    case PeriodKind::pairing:
      return {PeriodKind::school_year, calendars_.bounds(calendars_.year_of(day))};
  }
  return {kind, {day, day}};
}

std::string Auditor::period_label(const Period& period) const {
  switch (period.kind) {
    case PeriodKind::week:
      return iso_week_label(period.days.first);
    case PeriodKind::month:
      return month_label(period.days.first);
    case PeriodKind::school_year:
      return format_school_year(calendars_.year_of(period.days.first));
    case PeriodKind::pairing:
      break;
  }
  return format_date(period.days.first) + ".." + format_date(period.days.last);
}

std::vector<PairingContext> Auditor::pairing_contexts(const Program& program) const {
  std::vector<PairingContext> contexts;
  const bool pair_rules =
      std::any_of(program.requirements.begin(), program.requirements.end(), [](const auto& r) {
        return r.type == RequirementType::hours || r.type == RequirementType::meetings ||
               r.type == RequirementType::observations || r.type == RequirementType::milestone;
      });
  if (!pair_rules) {
    return contexts;
  }
  const auto& pairings = pairings_of(program.id);
  contexts.reserve(pairings.size());
  for (const Pairing* p : pairings) {
    contexts.push_back({p, subject(p->mentor.id), calendars_.pairing_end(*p),
                        repository_.logs_of(p->mentor.id, p->mentee.id),
                        repository_.observations_of(p->mentee.id, p->mentor.id)});
  }
  return contexts;
}

const DatedTotals& Auditor::pair_totals(const Requirement& r, const PairingContext& context,
                                        const DateRange& effective) {
  DatedTotals& totals = totals_;
  totals.clear();
  const Pairing& pairing = *context.pairing;
  const Date last = std::min(effective.last, options_.as_of);
  if (r.type == RequirementType::observations) {
    const auto list = context.observations;
    auto cursor = std::lower_bound(list.begin(), list.end(), effective.first,
                                   [](const ObservationItem& o, Date day) { return o.date < day; });
    for (; cursor != list.end() && cursor->date <= last; ++cursor) {
      totals.add(cursor->date, 1);
    }
    return totals;
  }
  const auto list = context.logs;
  auto cursor = std::lower_bound(list.begin(), list.end(), effective.first,
                                 [](const LogItem& e, Date day) { return e.date < day; });
  for (; cursor != list.end() && cursor->date <= last; ++cursor) {
    if ((cursor->names_program && cursor->entry->program->id != pairing.program.id) ||
        (!r.kinds.empty() && !kind_counts(r, cursor->entry->kind))) {
      continue;
    }
    totals.add(cursor->date, r.type == RequirementType::hours ? cursor->minutes : 1);
  }
  return totals;
}

void Auditor::pair_rule(const Program& program, std::size_t index, const PairingContext& context) {
  const Requirement& r = program.requirements[index];
  const Pairing& pairing = *context.pairing;
  const Date end = context.end;
  if (!r.per || end < pairing.start || years_.empty()) {
    return;
  }
  DateRange effective{pairing.start, end};
  if (r.during) {
    effective = intersect(effective, during_window(pairing.start, end, *r.during));
  }
  if (effective.empty() || effective.first > options_.as_of) {
    return;
  }
  if (context.mentor == nullptr || !when_holds(r, *context.mentor, program.id, pairing.start)) {
    return;
  }
  const DatedTotals& totals = pair_totals(r, context, effective);
  if (*r.per == PeriodKind::pairing) {
    if (audited(calendars_.year_of(pairing.start))) {
      evaluate_period(program, index, pairing, {PeriodKind::pairing, effective}, effective, totals);
    }
    return;
  }
  // Only the periods that can belong to an audited year and start by as-of.
  const Date audited_first = calendars_.bounds(*years_.begin()).first;
  const Date audited_last = calendars_.bounds(*years_.rbegin()).last;
  const Date stop = std::min({effective.last, options_.as_of, audited_last});
  for (Date cursor = std::max(effective.first, audited_first); cursor <= stop;) {
    const Period period = period_containing(*r.per, cursor);
    const DateRange part = intersect(period.days, effective);
    if (!part.empty() && part.first <= options_.as_of && audited(calendars_.year_of(part.first))) {
      evaluate_period(program, index, pairing, period, effective, totals);
    }
    cursor = period.days.last + one_day;
  }
}

void Auditor::evaluate_period(const Program& program, std::size_t index, const Pairing& pairing,
                              const Period& period, const DateRange& effective, const DatedTotals& totals) {
  const Requirement& r = program.requirements[index];
  const DateRange part = intersect(period.days, effective);
  PeriodCounts counts;
  counts.whole = calendars_.instructional_days(period.days.first, period.days.last);
  counts.part = calendars_.instructional_days(part.first, part.last);
  if (counts.whole == 0 || counts.part == 0 || (r.partial == Partial::skip && counts.part != counts.whole)) {
    return;
  }
  if (r.min) {
    counts.required = r.partial == Partial::prorate ? prorate(*r.min, counts.part, counts.whole) : *r.min;
  }
  counts.actual = totals.total(part.first, std::min(part.last, options_.as_of));

  FindingStatus status = FindingStatus::met;
  if (r.max && counts.actual > *r.max) {
    status = FindingStatus::unmet;
  } else if (counts.required && counts.actual < *counts.required) {
    status = part.last < options_.as_of ? FindingStatus::unmet : FindingStatus::due;
  }
  if (!keeps(status, &pairing.mentor.id, &pairing.mentee.id)) {
    return;
  }

  Finding f = new_finding(program, index);
  f.status = status;
  f.mentor = pairing.mentor.id;
  f.mentee = pairing.mentee.id;
  f.period = period_label(period);
  f.from = part.first;
  f.to = part.last;
  f.required = counts.required ? *counts.required : r.max.value_or(0);
  f.actual = counts.actual;
  f.unit = r.type == RequirementType::hours ? FindingUnit::minutes : FindingUnit::count;
  f.message = pair_message(r, counts, status, *r.per, *f.period, part.last);
  f.school_year =
      *r.per == PeriodKind::pairing ? calendars_.year_of(pairing.start) : calendars_.year_of(part.first);
  const std::string year = format_school_year(f.school_year);
  f.records.file = r.type == RequirementType::observations
                       ? fmt::format("observations/{}/{}.yaml", year, pairing.mentee.id)
                       : fmt::format("logs/{}/{}.yaml", year, pairing.mentor.id);
  add(std::move(f));
}

void Auditor::milestone(const Program& program, std::size_t index, const PairingContext& context) {
  const Requirement& r = program.requirements[index];
  const Pairing& pairing = *context.pairing;
  const SchoolYear year = calendars_.year_of(pairing.start);
  if (!r.within || pairing.start > options_.as_of || !audited(year)) {
    return;
  }
  if (context.mentor == nullptr || !when_holds(r, *context.mentor, program.id, pairing.start)) {
    return;
  }
  const Date deadline = add_span_capped(pairing.start, *r.within);
  const Date last = std::min(context.end, options_.as_of);
  std::optional<Date> completed;
  const auto list = context.logs;
  auto cursor = std::lower_bound(list.begin(), list.end(), pairing.start,
                                 [](const LogItem& e, Date day) { return e.date < day; });
  for (; cursor != list.end() && cursor->date <= last; ++cursor) {
    if (!cursor->completes) {
      continue;
    }
    const LogEntry* entry = cursor->entry;
    if (entry->program && entry->program->id != pairing.program.id) {
      continue;
    }
    const bool completes = std::any_of(entry->completes.begin(), entry->completes.end(),
                                       [&](const Reference& done) { return done.id == r.id; });
    if (completes) {
      completed = entry->date;
      break;
    }
  }
  const FindingStatus status = completed
                                   ? (*completed <= deadline ? FindingStatus::met : FindingStatus::unmet)
                               : deadline < options_.as_of ? FindingStatus::unmet
                                                           : FindingStatus::due;
  if (!keeps(status, &pairing.mentor.id, &pairing.mentee.id)) {
    return;
  }

  Finding f = new_finding(program, index);
  f.status = status;
  f.mentor = pairing.mentor.id;
  f.mentee = pairing.mentee.id;
  f.from = pairing.start;
  f.to = deadline;
  f.required = static_cast<std::int64_t>((deadline - pairing.start).count());
  f.unit = FindingUnit::days;
  f.school_year = year;
  f.records.file = fmt::format("logs/{}/{}.yaml", format_school_year(year), pairing.mentor.id);
  if (completed) {
    const auto days = static_cast<std::int64_t>((*completed - pairing.start).count());
    f.actual = days;
    f.message =
        f.status == FindingStatus::met
            ? fmt::format("completed {}, {} after the pairing started (within {})", format_date(*completed),
                          human_quantity(days, FindingUnit::days), format_span(*r.within))
            : fmt::format("completed late on {}, {} after the pairing started; it was due by {}",
                          format_date(*completed), human_quantity(days, FindingUnit::days),
                          format_date(deadline));
  } else {
    f.message = f.status == FindingStatus::unmet
                    ? fmt::format("not completed; it was due by {} ({} after the pairing started on {})",
                                  format_date(deadline), format_span(*r.within), format_date(pairing.start))
                    : fmt::format("not completed yet; due by {}", format_date(deadline));
  }
  add(std::move(f));
}

}  // namespace mentorctl::rules_detail
