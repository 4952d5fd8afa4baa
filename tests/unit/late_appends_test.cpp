#include "write/late_appends.hpp"
#include "fixture.hpp"
#include "util/files.hpp"

#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

using namespace mentorctl;
using mentorctl::test::TempRepo;

namespace {

std::string text_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void append_through(int fd, const std::string& bytes) {
  REQUIRE(::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
}

}  // namespace

TEST_SUITE("late_appends") {
  TEST_CASE("what another program appends to the replaced file is carried over to the new one") {
    TempRepo repo;
    const std::string old_text = "mentor: jdoe\nentries:\n  - a\n";
    const std::string new_text = old_text + "  - b\n";
    repo.write("logs/jdoe.yaml", old_text);
    const auto path = repo.root() / "logs/jdoe.yaml";
    auto place = resolve_inside(repo.root(), "logs/jdoe.yaml");
    REQUIRE(place.has_value());
    // A shell's `>>` opened the file before the rename...
    const int shell = ::open(path.c_str(), O_WRONLY | O_APPEND);
    REQUIRE(shell >= 0);
    auto late = LateAppends::watch(*place, old_text.size());
    REQUIRE(late.has_value());
    SUBCASE("an append between the last check and the rename, and one after the rename") {
      append_through(shell, "  - shell 1\n");
      repo.write("logs/.new", new_text);
      std::filesystem::rename(repo.root() / "logs/.new", path);
      append_through(shell, "  - shell 2\n");  // ...and writes after it: to the old file
      const auto carried = late->carry_over(*place);
      REQUIRE(carried.has_value());
      CHECK(*carried == 24);
      CHECK(text_of(path) == new_text + "  - shell 1\n  - shell 2\n");
      // Carried once: a second look finds nothing new.
      CHECK(*late->carry_over(*place) == 0);
      CHECK(text_of(path) == new_text + "  - shell 1\n  - shell 2\n");
    }
    SUBCASE("nothing appended: the new file stays as written") {
      repo.write("logs/.new", new_text);
      std::filesystem::rename(repo.root() / "logs/.new", path);
      CHECK(*late->carry_over(*place) == 0);
      CHECK(text_of(path) == new_text);
    }
    ::close(shell);
  }
}
