#include "write/proposal.hpp"

#include "repo/repository.hpp"
#include "write/arguments.hpp"

#include <fmt/format.h>

namespace mentorctl {

WriteResult<Addition> plan_proposal(const Records& records, const std::string& program_id, Date date,
                                    MatchResult& result) {
  const Repository repository(records);
  auto program = matching_program(repository, program_id);
  if (!program) {
    return refusal(program.error().message);
  }
  auto year = write_arguments::school_year_argument(records, date);
  if (!year) {
    return year.error();
  }
  auto match = compute_match(repository, *program.value(), date);
  if (!match) {
    return refusal(match.error().message);
  }
  result = std::move(*match);
  if (result.pairs.empty()) {
    return refusal(fmt::format("nothing to write: the match of {} on {} proposes no pairing ({} waiting)",
                               result.program, format_date(date),
                               write_arguments::plural(result.mentees, "mentee")));
  }
  const std::string label = format_school_year(year.value());
  Addition addition;
  addition.path = fmt::format("pairings/{}.yaml", label);
  addition.list.key = "pairings";
  addition.new_file_header = {{"school_year", label}};
  for (const MatchPair& pair : result.pairs) {
    NewItem item;
    item.text("mentor", pair.mentor)
        .text("mentee", pair.mentee)
        .text("program", result.program)
        .canonical("start", format_date(date));
    addition.items.push_back(std::move(item));
  }
  addition.commit_message =
      fmt::format("match: {} in {} from {}", write_arguments::plural(result.pairs.size(), "pairing"),
                  result.program, format_date(date));
  return addition;
}

}  // namespace mentorctl
