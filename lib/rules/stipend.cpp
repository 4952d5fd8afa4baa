#include "rules/stipend.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

namespace mentorctl {
namespace {

// numerator / denominator rounded half-up, for numerator >= 0 and denominator > 0.
std::int64_t divide_half_up(std::int64_t numerator, std::int64_t denominator) {
  return (2 * numerator + denominator) / (2 * denominator);
}

StipendFraction normalised(StipendFraction fraction) {
  if (fraction.total <= 0) {
    return {};
  }
  if (fraction.active < 0) {
    fraction.active = 0;
  }
  if (fraction.active > fraction.total) {
    fraction.active = fraction.total;
  }
  return fraction;
}

}  // namespace

std::int64_t stipend_amount_cents(std::int64_t base_cents, StipendFraction fraction) {
  fraction = normalised(fraction);
  if (base_cents < 0) {
    return -divide_half_up(-base_cents * fraction.active, fraction.total);
  }
  return divide_half_up(base_cents * fraction.active, fraction.total);
}

std::string format_stipend_fraction(StipendFraction fraction) {
  fraction = normalised(fraction);
  const std::int64_t ten_thousandths = divide_half_up(fraction.active * 10000, fraction.total);
  return fmt::format("{}.{:04}", ten_thousandths / 10000, ten_thousandths % 10000);
}

std::string format_cents(std::int64_t cents) {
  const bool negative = cents < 0;
  const std::int64_t magnitude = negative ? -cents : cents;
  return fmt::format("{}{}.{:02}", negative ? "-" : "", magnitude / 100, magnitude % 100);
}

}  // namespace mentorctl

namespace mentorctl {
namespace {

// The instructional days of `span` covered by `ranges` (overlaps counted once).
std::int64_t covered_days(const CalendarIndex& calendars, std::vector<DateRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const DateRange& a, const DateRange& b) { return a.first < b.first; });
  std::int64_t days = 0;
  std::optional<DateRange> current;
  for (const DateRange& range : ranges) {
    if (range.empty()) {
      continue;
    }
    if (current && range.first <= current->last) {
      current->last = std::max(current->last, range.last);
      continue;
    }
    if (current) {
      days += calendars.instructional_days(current->first, current->last);
    }
    current = range;
  }
  if (current) {
    days += calendars.instructional_days(current->first, current->last);
  }
  return days;
}

// Whether an unmet error finding withholds the row: the stipend requires its requirement,
// it is the row's mentor's, and (basis pairing) it is the row's pairing's or a mentor rule's.
bool withholds(const Finding& finding, const StipendRow& row, bool by_pairing, SchoolYear year) {
  if (finding.status != FindingStatus::unmet || finding.severity != Severity::error ||
      finding.program != row.program || finding.school_year != year || !finding.mentor ||
      *finding.mentor != row.mentor) {
    return false;
  }
  return !by_pairing || !finding.mentee || *finding.mentee == row.mentee;
}

// The first withholding finding in words, as the audit prints it, and how many more.
std::string describe(const std::vector<const Finding*>& findings) {
  const Finding& first = *findings.front();
  std::string text = first.mentee ? *first.mentee + ": " + first.message : first.message;
  if (findings.size() > 1) {
    text += fmt::format(" (and {} more)", findings.size() - 1);
  }
  return text;
}

}  // namespace

StipendReport compute_stipends(const Repository& repository, const AuditResult& audit,
                               const StipendOptions& options) {
  StipendReport report;
  report.school_year = options.year;
  report.as_of = options.as_of;
  const CalendarIndex& calendars = repository.calendars();
  const DateRange year = calendars.bounds(options.year);
  const std::int64_t year_days = calendars.instructional_days(year.first, year.last);

  for (const Program* program : repository.programs()) {
    if (!program->stipend || (!options.program.empty() && program->id != options.program)) {
      continue;
    }
    const Stipend& stipend = *program->stipend;
    const bool by_pairing = stipend.basis == StipendBasis::pairing;
    const std::string currency = stipend.currency.empty() ? repository.settings().currency : stipend.currency;
    // Rows keyed by mentor and mentee (empty for basis mentor), with their active ranges.
    std::map<std::pair<std::string, std::string>, std::vector<DateRange>> active;
    for (const Pairing* pairing : repository.pairings_of(program->id)) {
      const Date end = calendars.pairing_end(*pairing);
      if (pairing->start > options.as_of || end < year.first || year.last < pairing->start) {
        continue;
      }
      DateRange range{std::max(pairing->start, year.first), std::min(end, year.last)};
      const Person* mentor = repository.person(pairing->mentor.id);
      if (mentor != nullptr && mentor->left) {
        range.last = std::min(range.last, *mentor->left);
      }
      active[{pairing->mentor.id, by_pairing ? pairing->mentee.id : std::string()}].push_back(range);
    }
    // The findings that can withhold, by mentor (one pass over the audit per program).
    std::map<std::string, std::vector<const Finding*>> unmet_by_mentor;
    for (const Finding& finding : audit.findings) {
      if (finding.program == program->id && finding.status == FindingStatus::unmet && finding.mentor) {
        unmet_by_mentor[*finding.mentor].push_back(&finding);
      }
    }
    StipendTotal total{program->id, currency, 0};
    for (auto& [key, ranges] : active) {
      StipendRow row;
      row.program = program->id;
      row.mentor = key.first;
      row.mentee = key.second;
      row.currency = currency;
      row.base_cents = stipend.amount_cents;
      if (const Person* mentor = repository.person(row.mentor); mentor != nullptr) {
        row.name = mentor->name;
        row.district = mentor->district;
        for (const auto& [district, cents] : stipend.by_district) {
          if (district == mentor->district) {
            row.base_cents = cents;
          }
        }
      }
      if (stipend.prorate) {
        row.fraction = {covered_days(calendars, ranges), year_days};
      }
      for (const Requirement& requirement : program->requirements) {  // program-file order
        const bool required = std::any_of(stipend.requires_.begin(), stipend.requires_.end(),
                                          [&](const Reference& r) { return r.id == requirement.id; });
        if (!required) {
          continue;
        }
        const auto found = unmet_by_mentor.find(row.mentor);
        if (found == unmet_by_mentor.end()) {
          continue;
        }
        std::vector<const Finding*> withholding;
        for (const Finding* f : found->second) {
          if (f->requirement == requirement.id && withholds(*f, row, by_pairing, options.year)) {
            withholding.push_back(f);
          }
        }
        if (!withholding.empty()) {
          row.reasons.push_back(requirement.id);
          row.reason_details.push_back(describe(withholding));
        }
      }
      if (repository.unverified(row.mentor) != nullptr) {
        // Nothing is paid on a person file that did not load: their role, district and
        // `left` could not be read. The reason is the file, before any requirement.
        row.reasons.insert(row.reasons.begin(), fmt::format("people/{}.yaml", row.mentor));
        row.reason_details.insert(
            row.reason_details.begin(),
            fmt::format(
                "{}'s person file has errors, so their role, district and 'left' could not be read; fix it "
                "(run 'mentorctl check')",
                row.mentor));
      }
      row.withheld = !row.reasons.empty();
      row.amount_cents = row.withheld ? 0 : stipend_amount_cents(row.base_cents, row.fraction);
      total.amount_cents += row.amount_cents;
      report.rows.push_back(std::move(row));
    }
    report.totals.push_back(std::move(total));
  }
  return report;
}

}  // namespace mentorctl
