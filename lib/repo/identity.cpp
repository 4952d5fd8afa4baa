#include "repo/identity.hpp"

#include "util/git.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace mentorctl {

namespace {

// The check that the id names a person, with a suggestion when it does not.
Result<Self> known(const Records& records, std::string id, std::string source) {
  const auto found =
      std::find_if(records.people.begin(), records.people.end(), [&](const Person& p) { return p.id == id; });
  if (found != records.people.end()) {
    return Self{std::move(id), std::move(source)};
  }
  const std::string path = fmt::format("people/{}.yaml", id);
  for (const auto& d : records.diagnostics.items()) {
    if (d.file == path && d.severity == Severity::error) {
      return Error{
          fmt::format("{} names '{}', but {} has errors; fix them (run 'mentorctl check')", source, id, path)};
    }
  }
  std::vector<std::string> ids;
  for (const auto& p : records.people) {
    ids.push_back(p.id);
  }
  const std::string suggestion = closest_match(id, ids);
  return Error{fmt::format("{} names '{}', who is not a person (no people/{}.yaml){}", source, id, id,
                           suggestion.empty() ? "" : fmt::format("; did you mean '{}'?", suggestion))};
}

}  // namespace

Result<Self> resolve_self(const Records& records, const std::string& option_value, const std::string& option_name,
                          const std::filesystem::path& root) {
  if (!option_value.empty()) {
    return known(records, option_value, option_name);
  }
  if (const char* user = std::getenv("MENTORCTL_USER"); user != nullptr && *user != '\0') {
    return known(records, user, "MENTORCTL_USER");
  }
  const auto email = git_user_email(root);
  if (!email) {
    return Error{fmt::format(
        "who are you? mentorctl could not tell: give {} ID, or set MENTORCTL_USER=ID, or set 'git config "
        "user.email' to the email in your people/ID.yaml",
        option_name)};
  }
  // Emails compare without regard to case, as mail systems do.
  std::vector<const Person*> matches;
  for (const auto& p : records.people) {
    if (!p.email.empty() && email_key(p.email) == email_key(*email)) {
      matches.push_back(&p);
    }
  }
  if (matches.size() == 1) {
    return Self{matches.front()->id, "git config user.email"};
  }
  return Error{
      matches.empty()
          ? fmt::format(
                "who are you? git config user.email is {}, and no person has that email; add 'email: {}' "
                "to your people/ID.yaml, or give {} ID, or set MENTORCTL_USER=ID",
                *email, *email, option_name)
          : fmt::format("git config user.email {} is the email of several people; give {} ID", *email,
                        option_name)};
}

}  // namespace mentorctl
