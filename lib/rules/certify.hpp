// The evaluation of certification (SPEC 6.6): each criterion of a level met or not with
// the reason in words, each required level held or not, and the central record.
#pragma once

#include "model/dates.hpp"
#include "model/records.hpp"
#include "repo/repository.hpp"
#include "util/result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace mentorctl {

/// One criterion of a level for one person.
struct CriterionResult {
  std::string id;
  std::string text;
  bool met = false;
  std::string reason;  // empty when met
  std::optional<Date> date;
  std::string signed_off_by;
};

/// One level a level `requires`.
struct RequiredLevel {
  std::string level;
  bool held = false;
  std::string reason;  // empty when held
};

/// A person against one level of one program.
struct LevelResult {
  std::string person;
  std::string name;
  std::string program;
  std::string level;
  std::string level_name;
  Date as_of;
  bool met = false;                       // every criterion met and every required level held
  std::vector<CriterionResult> criteria;  // in file order
  std::vector<RequiredLevel> requires_;   // in file order
  const Certificate* held = nullptr;      // an unexpired certificate of this level held on as-of, if any
  [[nodiscard]] int open_criteria() const;
};

/// The program a certify request names, or the only one with certification.
Result<const Program*> certifying_program(const Repository& repository, const std::string& program);
/// The level `id` of `program`, or an error listing its levels.
Result<const Level*> certification_level(const Program& program, const std::string& id);

/// Whether `certificate` belongs to `program` (a certificate without program belongs to
/// the only certifying program).
bool certificate_of_program(const Certificate& certificate, const Program& program);
/// Held from `awarded` through `expires` inclusive.
bool certificate_held_on(const Certificate& certificate, Date day);
/// The certificate of `level` that `person` holds on `day`, or nullptr.
const Certificate* held_certificate(const Repository& repository, const Program& program,
                                    const std::string& level, const std::string& person, Date day);

LevelResult evaluate_level(const Repository& repository, const Program& program, const Level& level,
                           const std::string& person, Date as_of);

/// The candidates of a level: every person taking part in the program with the program's
/// mentor role, plus anyone with evidence for the level, by id.
std::vector<std::string> level_candidates(const Repository& repository, const Program& program,
                                          const Level& level);

/// The expiry of an award on `awarded` (month arithmetic clamps), none without valid_for.
std::optional<Date> award_expiry(const Level& level, Date awarded);

/// One certificate of the central record.
struct RecordRow {
  const Certificate* certificate = nullptr;
  std::string person;
  std::string name;
  std::string program;
  std::string level;
  bool expired = false;                  // expires before as-of
  bool not_yet = false;                  // awarded after as-of
  std::vector<std::string> unsupported;  // with verify: criteria without evidence meeting them
};

struct ListOptions {
  Date as_of;
  std::string program;
  std::string level;
  std::string person;
  bool expired_only = false;
  std::optional<Date> valid_on;
  bool verify = false;
};

/// The central record filtered and sorted by person, program, level, awarded.
std::vector<RecordRow> central_record(const Repository& repository, const ListOptions& options);

}  // namespace mentorctl
