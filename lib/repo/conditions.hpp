// Person attributes and conditions (SPEC 3.3, 4.5, 4.8): eligibility, `when`, and what
// `match` filters on.
#pragma once

#include "model/findings.hpp"
#include "model/records.hpp"

#include <span>
#include <string>
#include <vector>

namespace mentorctl {

class Repository;

/// Evaluates conditions on people through a Repository's indexes; shared by the rules,
/// `match` and the reports.
class ConditionEvaluator {
 public:
  explicit ConditionEvaluator(const Repository& repository) : repository_(repository) {}

  /// Evaluates a condition on a person as of `day`, for program `program` in school
  /// year `year` (which selects `application.<field>` and bounds `service_year`).
  [[nodiscard]] ConditionOutcome evaluate(const Person& person, const Condition& condition,
                                          const std::string& program, SchoolYear year, Date day) const;
  /// Whether every condition holds (an empty list always holds).
  [[nodiscard]] bool all_hold(const Person& person, const std::vector<Condition>& conditions,
                              const std::string& program, SchoolYear year, Date day) const;
  /// The values of a person's attribute as of `day`: a list's elements, or the one
  /// scalar (a derived number as digits); empty when not recorded. What `match` compares.
  [[nodiscard]] std::vector<std::string> values(const Person& person, const AttributeRef& attribute,
                                                const std::string& program, SchoolYear year, Date day) const;
  /// Distinct school years <= `year` in which `person` mentors a pairing of `program`.
  [[nodiscard]] int service_year(const std::string& person, const std::string& program,
                                 SchoolYear year) const;

  /// Whether a condition on `attribute` reads the person's own file; false for those
  /// computed from other records (`service_year`, `application.<field>`) and for `id`, the
  /// only ones that can be evaluated for a person whose file has errors.
  [[nodiscard]] static bool reads_person_file(const AttributeRef& attribute);
  /// Whether any of `conditions` reads_person_file.
  [[nodiscard]] static bool any_reads_person_file(std::span<const Condition> conditions);

  /// A person's attribute value (defined where it is computed).
  struct Value;

 private:
  [[nodiscard]] Value attribute(const Person& person, const AttributeRef& attribute, const std::string& program,
                                SchoolYear year, Date day) const;
  [[nodiscard]] Value application_field(const Person& person, const std::string& field,
                                        const std::string& program, SchoolYear year) const;

  const Repository& repository_;
};

}  // namespace mentorctl
