#include "report/status_report.hpp"

#include "report/audit_report.hpp"
#include "util/utf8.hpp"

#include <fmt/color.h>
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace mentorctl {
namespace {

constexpr std::size_t bar_width = 10;
constexpr std::size_t columns = 80;

bool is_pair_rule(RequirementType type) {
  return type == RequirementType::hours || type == RequirementType::meetings ||
         type == RequirementType::observations;
}

}  // namespace

std::string finding_bar(const Finding& f, StatusStyle style) {
  const auto required = finding_number(f.required);
  const auto actual = finding_number(f.actual);
  if (!required || !actual || *required <= 0) {
    return std::string(bar_width, ' ');
  }
  const auto filled = static_cast<std::size_t>(
      std::clamp(*actual / *required * static_cast<double>(bar_width), 0.0, static_cast<double>(bar_width)));
  std::string out;
  for (std::size_t i = 0; i < bar_width; ++i) {
    out += i < filled ? (style.unicode ? "\u2587" : "#") : (style.unicode ? "\u2591" : "-");
  }
  if (!style.color) {
    return out;
  }
  const fmt::color color = f.status == FindingStatus::met   ? fmt::color::green
                           : f.status == FindingStatus::due ? fmt::color::yellow
                                                            : fmt::color::red;
  return fmt::format(fmt::fg(color), "{}", out);
}

namespace {

const char* status_word(const Finding& f) { return status_name(f.status); }

// MM-DD of a date.
std::string month_day(Date d) { return format_date(d).substr(5); }

// What is left: "30m", "2" (empty without numbers, or when nothing is left).
std::string remaining(const Finding& f) {
  const auto required = finding_number(f.required);
  const auto actual = finding_number(f.actual);
  if (!required || !actual || *actual >= *required) {
    return {};
  }
  return human_quantity(number_value(*required - *actual), f.unit);
}

// "3h30m of 4h, 30m more by 10-31"; the finding's message when it has no numbers.
std::string progress(const Finding& f) {
  const auto required = finding_number(f.required);
  const auto actual = finding_number(f.actual);
  if (!required || !actual || f.type == RequirementType::eligibility) {
    return f.message;
  }
  const char* noun = f.unit != FindingUnit::count              ? ""
                     : f.type == RequirementType::training     ? " sessions"
                     : f.type == RequirementType::meetings     ? " meetings"
                     : f.type == RequirementType::observations ? " observations"
                                                               : "";
  std::string out =
      fmt::format("{} of {}{}", human_quantity(f.actual, f.unit), human_quantity(f.required, f.unit), noun);
  const std::string left = remaining(f);
  if (!left.empty() && f.status == FindingStatus::due) {
    out += fmt::format(", {} more by {}", left, month_day(f.to));
  } else if (!left.empty() && f.status == FindingStatus::unmet) {
    out += fmt::format(", {} short", left);
  } else if (f.status == FindingStatus::unmet) {
    out += fmt::format(" ({})", f.message);
  }
  return out;
}

// Appends `head` and `message` on one line, or the message on the next when too wide.
void line(std::string& out, std::string head, std::size_t head_width, const std::string& raw_message) {
  const std::string message = visible_text(raw_message);  // one line, no control characters
  if (head_width + 1 + display_width(message) <= columns) {
    std::string text = fmt::format("{} {}", head, message);
    text.erase(text.find_last_not_of(' ') + 1);
    out += text + "\n";
    return;
  }
  head.erase(head.find_last_not_of(' ') + 1);
  out += head + "\n";
  // The message below, indented, wrapped at spaces.
  constexpr std::size_t indent = 6;
  for (const std::string& wrapped : wrap_words(message, columns - indent)) {
    out += std::string(indent, ' ') + wrapped + "\n";
  }
}

}  // namespace

MentorStatus mentor_status(const Repository& repository, const AuditResult& audit,
                           const std::string& mentor) {
  MentorStatus status;
  status.mentor = mentor;
  status.as_of = audit.as_of;
  status.year = repository.calendars().year_of(audit.as_of);
  status.unverified = repository.unverified(mentor) != nullptr;
  for (const Program* program : repository.programs()) {
    for (const Pairing* p : repository.pairings_of(program->id)) {
      const Date end = repository.calendars().pairing_end(*p);
      if (p->mentor.id == mentor && p->start <= audit.as_of && audit.as_of <= end) {
        status.pairings.push_back({p->mentee.id,
                                   program->id,
                                   p->start,
                                   end,
                                   {},
                                   {},
                                   repository.unverified(p->mentee.id) != nullptr});
      }
    }
  }
  std::sort(status.pairings.begin(), status.pairings.end(), [](const auto& a, const auto& b) {
    return std::tie(a.program, a.mentee, a.start) < std::tie(b.program, b.mentee, b.start);
  });
  for (const Finding& f : audit.findings) {
    if (f.mentor != mentor) {
      continue;
    }
    if (f.status == FindingStatus::unmet) {
      ++status.unmet;
    }
    if (f.status == FindingStatus::due) {
      status.due_next.push_back(&f);
    }
    if (!f.mentee) {
      status.own.push_back(&f);
      continue;
    }
    for (StatusPairing& pairing : status.pairings) {
      if (pairing.mentee != *f.mentee || pairing.program != f.program) {
        continue;
      }
      if (f.type == RequirementType::milestone) {
        pairing.milestones.push_back(&f);
      } else if (is_pair_rule(f.type) && f.from <= audit.as_of && audit.as_of <= f.to) {
        pairing.current.push_back(&f);
      }
    }
  }
  std::stable_sort(status.due_next.begin(), status.due_next.end(),
                   [](const Finding* a, const Finding* b) { return a->to < b->to; });
  return status;
}

std::string status_text(const MentorStatus& status, StatusStyle style) {
  std::string out = fmt::format("Status of {} as of {} (school year {})\n", status.mentor,
                                format_date(status.as_of), format_school_year(status.year));
  if (status.unverified) {
    out += fmt::format(
        "Incomplete: people/{}.yaml has errors, so {}'s role, dates and attributes were not checked; "
        "fix it (run 'mentorctl check')\n",
        status.mentor, status.mentor);
  }
  if (status.pairings.empty()) {
    out += fmt::format("\nNo mentee is paired with {} on {}.\n", status.mentor, format_date(status.as_of));
  }
  std::size_t id_width = 4;
  for (const StatusPairing& p : status.pairings) {
    for (const Finding* f : p.current) {
      id_width = std::max(id_width, f->requirement.size());
    }
  }
  for (const Finding* f : status.own) {
    id_width = std::max(id_width, f->requirement.size());
  }
  id_width = std::min<std::size_t>(id_width, 18);
  for (const StatusPairing& p : status.pairings) {
    out += fmt::format("\n{} in {} (paired {} to {})\n", p.mentee, p.program, format_date(p.start),
                       format_date(p.end));
    if (p.unverified) {
      out += fmt::format("  incomplete: people/{}.yaml has errors, so {}'s role and dates were not checked\n",
                         p.mentee, p.mentee);
    }
    if (p.current.empty() && p.milestones.empty()) {
      out += "  no hours, meetings or observations rule has a period open today\n";
    }
    for (const Finding* f : p.current) {
      const std::string period = f->period.value_or("");
      const std::string head =
          fmt::format("  {:<{}} {:<8} {}", f->requirement, id_width, period, finding_bar(*f, style));
      line(out, head, 2 + id_width + 1 + std::max<std::size_t>(8, period.size()) + 1 + bar_width,
           progress(*f));
    }
    if (!p.milestones.empty()) {
      std::vector<std::string> done;
      std::vector<std::string> pending;
      for (const Finding* f : p.milestones) {
        if (f->status == FindingStatus::met) {
          done.push_back(f->requirement);
        } else {
          pending.push_back(fmt::format("{} ({} by {})", f->requirement, status_word(*f), month_day(f->to)));
        }
      }
      line(out, "  milestones:", 13,
           fmt::format("{} done{}{}", done.empty() ? "none" : fmt::format("{}", fmt::join(done, ", ")),
                       pending.empty() ? "" : "; pending: ", fmt::format("{}", fmt::join(pending, ", "))));
    }
  }
  if (!status.own.empty()) {
    out += "\nYour own requirements\n";
    for (const Finding* f : status.own) {
      const std::string head = fmt::format("  {:<{}} {:<5}", f->requirement, id_width, status_word(*f));
      line(out, head, 2 + id_width + 1 + 5, progress(*f));
    }
  }
  if (!status.due_next.empty()) {
    out += "\nDue next\n";
    constexpr std::size_t shown = 8;
    for (std::size_t i = 0; i < std::min(shown, status.due_next.size()); ++i) {
      const Finding& f = *status.due_next[i];
      const std::string head = fmt::format("  {}  {:<{}} {:<12}", month_day(f.to), f.requirement, id_width,
                                           f.mentee.value_or("(you)"));
      const std::string left = remaining(f);
      line(out, head, 2 + 5 + 2 + id_width + 1 + 12, left.empty() ? f.message : left + " more");
    }
    if (status.due_next.size() > shown) {
      out += fmt::format("  and {} more ('mentorctl audit --mentor {}' lists them)\n",
                         status.due_next.size() - shown, status.mentor);
    }
  }
  if (status.unmet > 0) {
    out += fmt::format("\n{} unmet this school year: 'mentorctl audit --mentor {}' lists {}.\n", status.unmet,
                       status.mentor, status.unmet == 1 ? "it" : "them");
  }
  return out;
}

std::string status_json(const MentorStatus& status) {
  auto list = [](std::string& out, const std::vector<const Finding*>& findings, const char* indent) {
    out += '[';
    for (std::size_t i = 0; i < findings.size(); ++i) {
      out += fmt::format("{}\n{}", i == 0 ? "" : ",", indent);
      finding_json(out, *findings[i]);
    }
    out += findings.empty() ? "]" : fmt::format("\n{}]", std::string_view(indent).substr(2));
  };
  std::string out = "{\n";
  out += fmt::format("  \"mentor\": \"{}\",\n  \"as_of\": \"{}\",\n  \"school_year\": \"{}\",\n",
                     status.mentor, format_date(status.as_of), format_school_year(status.year));
  out += "  \"pairings\": [";
  for (std::size_t i = 0; i < status.pairings.size(); ++i) {
    const StatusPairing& p = status.pairings[i];
    out += fmt::format(
        "{}\n    {{\"mentee\": \"{}\", \"program\": \"{}\", \"start\": \"{}\", \"end\": \"{}\",\n",
        i == 0 ? "" : ",", p.mentee, p.program, format_date(p.start), format_date(p.end));
    out += "      \"current\": ";
    list(out, p.current, "        ");
    out += ",\n      \"milestones\": ";
    list(out, p.milestones, "        ");
    out += "}";
  }
  out += status.pairings.empty() ? "],\n" : "\n  ],\n";
  out += "  \"own\": ";
  list(out, status.own, "    ");
  out += ",\n  \"due_next\": ";
  list(out, status.due_next, "    ");
  out += fmt::format(",\n  \"unmet\": {}\n}}\n", status.unmet);
  return out;
}

}  // namespace mentorctl
