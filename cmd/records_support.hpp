// Helpers shared by the read-only commands that load records (audit, stipend).
#pragma once

#include "load/loader.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace mentorctl::cli {

/// Whether the locale's character set is UTF-8 (LC_ALL, else LC_CTYPE, else LANG).
bool utf8_locale();

/// A date option's value, or a usage error saying how to write one.
Date parse_day_option(const std::string& text, const char* option);

/// `--year SY`, or `otherwise` when not given; a usage error saying how to write one.
SchoolYear year_option(const std::string& text, SchoolYear otherwise);

std::vector<std::string> program_ids(const Records& records);
std::vector<std::string> person_ids(const Records& records);
/// person_ids and the ids of people whose own file has errors (*unverified*): what a
/// filter such as `audit --mentor` accepts, since their findings are listed, marked
/// incomplete, as in the whole audit.
std::vector<std::string> filter_person_ids(const Records& records);

/// A usage error unless `id` is empty or one of `known` (`what` names the option, `kind` the
/// record: "program" or "person"); when the file of that id has errors, the error says so.
void require_known(const Records& records, const std::string& id, const std::vector<std::string>& known,
                   const char* what, const char* kind);

/// The error diagnostics of the load, for stderr, and how many records were skipped;
/// `covers` names what the output covers ("the audit").
void print_record_errors(std::string& err, const Records& records, const std::filesystem::path& root,
                         bool color, const char* covers);

}  // namespace mentorctl::cli
