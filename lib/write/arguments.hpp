// The checks the write commands share on their arguments: dates, durations, ids, people,
// programs, roles, pairings active on a day, milestones; each refusal says how to fix it.
#pragma once

#include "model/calendar.hpp"
#include "model/records.hpp"
#include "write/writer.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mentorctl::write_arguments {

/// The longest duration one entry may hold: a day.
constexpr std::int64_t minutes_per_day = std::int64_t{24} * 60;

std::string plural(std::size_t count, const char* word);
WriteResult<Date> day_argument(const std::string& text, const char* option, Date today,
                               const char* happened);
WriteResult<std::int64_t> duration_argument(const std::string& text, const char* option, std::int64_t most);
WriteResult<void> check_id(const std::string& text, const char* option);
WriteResult<void> check_text(const std::string& text, const char* option);
const Person* find_person(const Records& records, const std::string& id);
const Program* find_program(const Records& records, const std::string& id);
std::string suggestion_or(const std::string& word, const std::vector<std::string>& candidates,
                          const std::string& otherwise);
bool file_has_errors(const Records& records, const std::string& path);
WriteProblem unknown_person(const Records& records, const std::string& id, const char* option);
WriteResult<const Person*> person_argument(const Records& records, const std::string& id,
                                           const char* option);
WriteResult<const Program*> program_argument(const Records& records, const std::string& id,
                                             const char* option);
/// program_argument for an option that may be left out: nullptr when `id` is empty.
WriteResult<const Program*> optional_program_argument(const Records& records, const std::string& id,
                                                      const char* option);
WriteProblem wrong_role(const Person& person, const std::string& role, const Program& program,
                        const char* as);
WriteResult<SchoolYear> school_year_argument(const Records& records, Date day);
std::string broken_pairings_note(const Records& records);
std::vector<const Pairing*> pairings_of(const Records& records, const std::string& mentor,
                                        const std::string& mentee, const std::string& program);
std::vector<const Pairing*> active_on(const std::vector<const Pairing*>& pairings,
                                      const CalendarIndex& calendars, Date day);
WriteProblem no_active_pairing(const Records& records, const CalendarIndex& calendars,
                               const std::string& mentor, const std::string& mentee,
                               const std::string& program, Date day, const char* what,
                               const char* mentor_option);
WriteProblem not_a_mentee(const Records& records, const Person& person, const char* mentor_option);
std::vector<std::string> milestones_of(const Program& program);
WriteResult<void> check_completes(const std::vector<std::string>& completes,
                                            const std::vector<const Program*>& programs);

}  // namespace mentorctl::write_arguments
