// resolve_snapshot / export_snapshot: a folder of a git work tree at a revision, read
// through git's objects without touching the working tree or the index.
#include "util/git_tree.hpp"
#include "util/files.hpp"
#include "util/git.hpp"

#include "fixture.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <cstdlib>
#include <optional>

using namespace mentorctl;
using mentorctl::test::TempRepo;

namespace {

namespace fs = std::filesystem;

std::string git(const fs::path& where, std::vector<std::string> arguments, const std::string& input = {}) {
  std::vector<std::string> full = {"-c", "user.name=Test", "-c", "user.email=test@example.org"};
  full.insert(full.end(), arguments.begin(), arguments.end());
  ProcessStreams streams;
  std::optional<TemporaryFolder> scratch;
  if (!input.empty()) {
    auto made = TemporaryFolder::create("git-tree-test-");
    REQUIRE(made);
    scratch.emplace(std::move(*made));
    streams.input = scratch->path() / "input";
    REQUIRE(replace_file_atomically(streams.input, {input}));
  }
  const ProcessResult result = run_git(where, full, streams);
  REQUIRE_MESSAGE(result.exit_code == 0, result.errors);
  std::string out = result.output;
  while (!out.empty() && out.back() == '\n') {
    out.pop_back();
  }
  return out;
}

std::string content(const fs::path& path) {
  auto text = read_file(path);
  REQUIRE(text);
  return *text;
}

// A work tree whose records/ folder holds two files and a link on `main`, then changes
// in the working tree and the index that export_snapshot must neither see nor touch.
struct Work {
  TempRepo repo;
  fs::path records = repo.root() / "records";
  Work() {
    git(repo.root(), {"init", "-q", "-b", "main"});
    repo.write("records/mentorctl.yaml", "mentorctl: 1\n");
    repo.write("records/logs/2026-27/jdoe.yaml", "entries: [old]\n");
    repo.write("records/notes.txt", "not a record\n");
    repo.write("elsewhere.yaml", "outside the folder\n");
    fs::create_symlink("jdoe.yaml", records / "logs/2026-27/link.yaml");
    git(repo.root(), {"add", "-A"});
    git(repo.root(), {"commit", "-q", "-m", "first"});
    repo.write("records/logs/2026-27/jdoe.yaml", "entries: [staged]\n");
    git(repo.root(), {"add", "records/logs/2026-27/jdoe.yaml"});
    repo.write("records/logs/2026-27/jdoe.yaml", "entries: [working]\n");
    repo.write("records/people/new.yaml", "untracked\n");
  }
  std::string state() const {
    return git(repo.root(), {"status", "--porcelain=v2", "--untracked-files=all"}) + "\n" +
           git(repo.root(), {"diff", "--cached"}) + content(records / "logs/2026-27/jdoe.yaml");
  }
};

}  // namespace

TEST_SUITE("git_tree") {
  TEST_CASE("a subfolder at a revision: its files as committed, the work tree untouched") {
    Work work;
    const std::string before = work.state();
    const auto snapshot = resolve_snapshot(work.records, "main");
    REQUIRE(snapshot);
    CHECK(snapshot->prefix == "records/");
    CHECK(snapshot->commit == git(work.repo.root(), {"rev-parse", "main"}));
    CHECK(snapshot->tree == git(work.repo.root(), {"rev-parse", "main:records"}));

    auto out = TemporaryFolder::create("git-tree-out-");
    REQUIRE(out);
    const auto written = export_snapshot(work.records, *snapshot, out->path(),
                                         [](std::string_view path) { return path != "notes.txt"; });
    REQUIRE_MESSAGE(written, (written ? "" : written.error().message));
    CHECK(*written == 3);
    CHECK(content(out->path() / "mentorctl.yaml") == "mentorctl: 1\n");
    CHECK(content(out->path() / "logs/2026-27/jdoe.yaml") == "entries: [old]\n");
    CHECK(fs::read_symlink(out->path() / "logs/2026-27/link.yaml") == "jdoe.yaml");
    CHECK(content(out->path() / "logs/2026-27/link.yaml") == "entries: [old]\n");
    CHECK_FALSE(fs::exists(out->path() / "notes.txt"));
    CHECK_FALSE(fs::exists(out->path() / "people"));
    CHECK_FALSE(fs::exists(out->path() / "elsewhere.yaml"));
    CHECK(work.state() == before);
  }

  TEST_CASE("at the top of the work tree the prefix is empty") {
    Work work;
    const auto snapshot = resolve_snapshot(work.repo.root(), "HEAD");
    REQUIRE(snapshot);
    CHECK(snapshot->prefix.empty());
    CHECK(snapshot->tree == git(work.repo.root(), {"rev-parse", "HEAD^{tree}"}));
  }

  TEST_CASE("what git does not know, and what is not there") {
    Work work;
    SUBCASE("an unknown revision: git's words") {
      const auto snapshot = resolve_snapshot(work.records, "no-such-branch");
      REQUIRE_FALSE(snapshot);
      CHECK(snapshot.error().message == "git says: bad revision 'no-such-branch'");
    }
    SUBCASE("an option is a revision, never an option") {
      const auto snapshot = resolve_snapshot(work.records, "--output=/tmp/x");
      REQUIRE_FALSE(snapshot);
      CHECK(snapshot.error().message == "git says: bad revision '--output=/tmp/x'");
    }
    SUBCASE("a folder the revision did not have") {
      git(work.repo.root(), {"checkout", "-q", "-b", "later"});
      work.repo.write("fresh/mentorctl.yaml", "mentorctl: 1\n");
      const auto snapshot = resolve_snapshot(work.repo.root() / "fresh", "main");
      REQUIRE_FALSE(snapshot);
      CHECK(snapshot.error().kind == Error::Kind::not_found);
      CHECK(snapshot.error().message.find("has no folder fresh/") != std::string::npos);
    }
    SUBCASE("not a git work tree") {
      TempRepo plain;
      const auto snapshot = resolve_snapshot(plain.root(), "main");
      REQUIRE_FALSE(snapshot);
      CHECK(snapshot.error().message.find("is not inside a git work tree") != std::string::npos);
    }
  }

  TEST_CASE("a tree no checkout could make is refused, nothing written outside") {
    Work work;
    const fs::path root = work.repo.root();
    const std::string blob = git(root, {"hash-object", "-w", "--stdin"}, "escaped\n");
    const std::string folder = git(root, {"rev-parse", "main:records/logs"});
    SUBCASE("a '..' entry") {
      const std::string tree = git(root, {"mktree"}, fmt::format("100644 blob {}\t..\n", blob));
      GitSnapshot snapshot{"crafted", git(root, {"commit-tree", "-m", "x", tree}), "", tree};
      auto out = TemporaryFolder::create("git-tree-out-");
      REQUIRE(out);
      const auto written = export_snapshot(root, snapshot, out->path() / "inside", {});
      REQUIRE_FALSE(written);
      CHECK(written.error().message.find("holds a file named '..'") != std::string::npos);
    }
    SUBCASE("a link and a folder of one name") {
      const std::string link = git(root, {"hash-object", "-w", "--stdin"}, "/tmp");
      const std::string tree =
          git(root, {"mktree"}, fmt::format("120000 blob {}\tlogs\n040000 tree {}\tlogs\n", link, folder));
      GitSnapshot snapshot{"crafted", git(root, {"commit-tree", "-m", "x", tree}), "", tree};
      auto out = TemporaryFolder::create("git-tree-out-");
      REQUIRE(out);
      const auto written = export_snapshot(root, snapshot, out->path(), {});
      REQUIRE_FALSE(written);
      CHECK(written.error().message.find("holds both a file logs and a folder") != std::string::npos);
      CHECK_FALSE(fs::exists(fs::symlink_status(out->path() / "logs")));
    }
  }
}
