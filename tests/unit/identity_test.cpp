// Who "yourself" is (SPEC 5): --mentor ID, else MENTORCTL_USER, else the person whose
// email is `git config user.email` (compared without regard to case), else an error.
#include "repo/identity.hpp"
#include "fixture.hpp"
#include "util/git.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

namespace mentorctl {
namespace {

using test::TempRepo;

// Sets (or, with nullopt, unsets) an environment variable for the scope of a test.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = std::getenv(name)) {
      old_ = old;
    }
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ScopedEnvironment(const ScopedEnvironment&) = delete;
  ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;
  ~ScopedEnvironment() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// Git sees no user.email but the one a test sets in its own repository.
struct IsolatedGit {
  ScopedEnvironment global{"GIT_CONFIG_GLOBAL", "/dev/null"};
  ScopedEnvironment system{"GIT_CONFIG_NOSYSTEM", "1"};
  ScopedEnvironment user{"MENTORCTL_USER", std::nullopt};
};

// A git work tree at the repository's root whose user.email is `email`.
void git_with_email(const TempRepo& repo, const std::string& email) {
  REQUIRE(run_git(repo.root(), {"init", "-q"}).exit_code == 0);
  REQUIRE(run_git(repo.root(), {"config", "user.email", email}).exit_code == 0);
}

Person person(const std::string& id, const std::string& email) {
  Person p;
  p.id = id;
  p.name = "Person " + id;
  p.email = email;
  return p;
}

Records people() {
  Records records;
  records.people.push_back(person("asmith", "al.smith@example.org"));
  records.people.push_back(person("jdoe", "jane.doe@example.org"));
  records.people.push_back(person("nomail", ""));
  return records;
}

}  // namespace

TEST_SUITE("identity") {
  TEST_CASE("the option wins over MENTORCTL_USER and git") {
    TempRepo repo;
    const IsolatedGit git;
    git_with_email(repo, "al.smith@example.org");
    const ScopedEnvironment user("MENTORCTL_USER", std::string("asmith"));
    const auto self = resolve_self(people(), "jdoe", "--mentor", repo.root());
    REQUIRE(self.has_value());
    CHECK(self->id == "jdoe");
    CHECK(self->source == "--mentor");
  }

  TEST_CASE("MENTORCTL_USER is next, before git") {
    TempRepo repo;
    const IsolatedGit git;
    git_with_email(repo, "al.smith@example.org");
    const ScopedEnvironment user("MENTORCTL_USER", std::string("jdoe"));
    const auto self = resolve_self(people(), "", "--mentor", repo.root());
    REQUIRE(self.has_value());
    CHECK(self->id == "jdoe");
    CHECK(self->source == "MENTORCTL_USER");
  }

  TEST_CASE("an empty MENTORCTL_USER counts as unset") {
    TempRepo repo;
    const IsolatedGit git;
    git_with_email(repo, "jane.doe@example.org");
    const ScopedEnvironment user("MENTORCTL_USER", std::string(""));
    const auto self = resolve_self(people(), "", "--mentor", repo.root());
    REQUIRE(self.has_value());
    CHECK(self->id == "jdoe");
    CHECK(self->source == "git config user.email");
  }

  TEST_CASE("the person whose email is git's user.email") {
    TempRepo repo;
    const IsolatedGit git;
    git_with_email(repo, "al.smith@example.org");
    const auto self = resolve_self(people(), "", "--mentor", repo.root());
    REQUIRE(self.has_value());
    CHECK(self->id == "asmith");
    CHECK(self->source == "git config user.email");
  }

  TEST_CASE("emails compare without regard to case") {
    TempRepo repo;
    const IsolatedGit git;
    git_with_email(repo, "Jane.Doe@EXAMPLE.org");
    const auto self = resolve_self(people(), "", "--mentor", repo.root());
    REQUIRE(self.has_value());
    CHECK(self->id == "jdoe");
  }

  TEST_CASE("an email shared by two people is ambiguous, whatever its case") {
    TempRepo repo;
    const IsolatedGit git;
    git_with_email(repo, "jane.doe@example.org");
    Records records = people();
    records.people.push_back(person("jdoe2", "JANE.DOE@example.org"));
    const auto self = resolve_self(records, "", "--observer", repo.root());
    CHECK_FALSE(self.has_value());
    CHECK(self.error().message ==
          "git config user.email jane.doe@example.org is the email of several people; give --observer ID");
  }

  TEST_CASE("an email that is nobody's says how to fix it") {
    TempRepo repo;
    const IsolatedGit git;
    git_with_email(repo, "someone@example.org");
    const auto self = resolve_self(people(), "", "--mentor", repo.root());
    CHECK_FALSE(self.has_value());
    CHECK(self.error().message.find("no person has that email") != std::string::npos);
    CHECK(self.error().message.find("add 'email: someone@example.org'") != std::string::npos);
    CHECK(self.error().message.find("--mentor ID") != std::string::npos);
  }

  TEST_CASE("no option, no MENTORCTL_USER and no git email is a clear error") {
    TempRepo repo;  // not a git work tree, and git's global config is empty
    const IsolatedGit git;
    const auto self = resolve_self(people(), "", "--mentor", repo.root());
    CHECK_FALSE(self.has_value());
    CHECK(self.error().message.rfind("who are you?", 0) == 0);
    CHECK(self.error().message.find("give --mentor ID, or set MENTORCTL_USER=ID") != std::string::npos);
  }

  TEST_CASE("an id that names nobody is refused, with a suggestion") {
    TempRepo repo;
    const IsolatedGit git;
    SUBCASE("from the option") {
      const auto self = resolve_self(people(), "jdeo", "--mentor", repo.root());
      CHECK_FALSE(self.has_value());
      CHECK(self.error().message ==
            "--mentor names 'jdeo', who is not a person (no people/jdeo.yaml); did you mean 'jdoe'?");
    }
    SUBCASE("from MENTORCTL_USER, nothing close") {
      const ScopedEnvironment user("MENTORCTL_USER", std::string("zzz"));
      const auto self = resolve_self(people(), "", "--mentor", repo.root());
      CHECK_FALSE(self.has_value());
      CHECK(self.error().message == "MENTORCTL_USER names 'zzz', who is not a person (no people/zzz.yaml)");
    }
  }

  TEST_CASE("an id whose person file has errors says so rather than 'not a person'") {
    TempRepo repo;
    const IsolatedGit git;
    Records records = people();
    records.diagnostics.error("people/broken.yaml", {2, 7}, "wrong-type", "bad");
    const auto self = resolve_self(records, "broken", "--mentor", repo.root());
    CHECK_FALSE(self.has_value());
    CHECK(self.error().message ==
          "--mentor names 'broken', but people/broken.yaml has errors; fix them (run 'mentorctl check')");
  }

  TEST_CASE("a warning in the person file is not an error that hides the person") {
    TempRepo repo;
    const IsolatedGit git;
    Records records = people();
    records.diagnostics.warning("people/gone.yaml", {1, 1}, "missing-enrolled", "no enrolled");
    const auto self = resolve_self(records, "gone", "--mentor", repo.root());
    CHECK_FALSE(self.has_value());
    CHECK(self.error().message == "--mentor names 'gone', who is not a person (no people/gone.yaml)");
  }
}

}  // namespace mentorctl
