// The git merge driver (SPEC 6.3): ours, plus the entries theirs appended that ours
// lacks, as theirs wrote them; a changed or removed entry falls back to git (nullopt).
#include "write/merge.hpp"

#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

namespace mentorctl {
namespace {

const std::string head = "mentor: jdoe\nentries:\n";
const std::string a = "  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n";
const std::string b = "  - date: 2026-09-15\n    mentee: asmith\n    duration: 1h\n    kind: call\n";
const std::string c = "  - date: 2026-09-16\n    mentee: asmith\n    duration: 45m\n    topics: [goals]\n";
// a with another duration: an edit of an existing entry.
const std::string a_edited = "  - date: 2026-09-14\n    mentee: asmith\n    duration: 2h\n";

// `text` with every "\n" turned into "\r\n".
std::string crlf(const std::string& text) {
  std::string out;
  for (const char ch : text) {
    if (ch == '\n') {
      out += '\r';
    }
    out += ch;
  }
  return out;
}

// The merge, or "(falls back)" so that a failed CHECK prints what came out.
std::string merged(const std::string& base, const std::string& ours, const std::string& theirs) {
  return merge_record_files(base, ours, theirs).value_or("(falls back)");
}

// The entries of a record file's list, as values.
std::vector<Node> entries_of(const std::string& text) {
  Diagnostics diagnostics;
  Node root;
  REQUIRE_MESSAGE(read_yaml_tree(text, "t.yaml", diagnostics, root), text);
  const Node* list = root.find("entries");
  REQUIRE_MESSAGE(list != nullptr, text);
  return list->items;
}

// Whether `merged` holds, as values, `ours`' entries and then `theirs`' last `added`.
bool holds_entries_as_written(const std::string& merged, const std::string& ours, const std::string& theirs,
                              std::size_t added) {
  std::vector<Node> expected = entries_of(ours);
  const std::vector<Node> theirs_entries = entries_of(theirs);
  REQUIRE(theirs_entries.size() >= added);
  expected.insert(expected.end(), theirs_entries.end() - static_cast<std::ptrdiff_t>(added),
                  theirs_entries.end());
  const std::vector<Node> got = entries_of(merged);
  return std::equal(got.begin(), got.end(), expected.begin(), expected.end(), same_value);
}

}  // namespace

TEST_SUITE("merge") {
  TEST_CASE("merged entries read back exactly as each side wrote them") {
    // Joining the two sides' lines must not change a value; where it would, git decides.
    const std::string block =
        "  - date: 2026-09-17\n    mentee: asmith\n    duration: 1h\n    notes: |\n"
        "      first line\n      second line\n";
    SUBCASE("ours ends in a | block without a final newline") {
      std::string ours = head + a + block;
      ours.pop_back();
      const std::string theirs = head + a + c;
      const auto result = merge_record_files(head + a, ours, theirs);
      CHECK_FALSE(result.has_value());
      if (result) {
        CHECK(holds_entries_as_written(*result, ours, theirs, 1));
      }
    }
    SUBCASE("theirs' entry ends in a |+ block, ours' file in a blank line") {
      const std::string kept =
          "  - date: 2026-09-18\n    mentee: asmith\n    duration: 1h\n    notes: |+\n"
          "      kept\n";
      const std::string ours = head + a + b + "\n";
      const std::string theirs = head + a + kept;
      const auto result = merge_record_files(head + a, ours, theirs);
      CHECK_FALSE(result.has_value());
      if (result) {
        CHECK(holds_entries_as_written(*result, ours, theirs, 1));
      }
    }
    SUBCASE("the same appended entry, followed by a blank line on one side only, is kept once") {
      const std::string ours = head + a + b;
      const std::string theirs = head + a + b + "\n" + c;
      const auto result = merge_record_files(head + a, ours, theirs);
      REQUIRE(result.has_value());
      CHECK(entries_of(*result).size() == 3);
      CHECK(holds_entries_as_written(*result, ours, theirs, 1));
      // And the other way round: ours has the blank line.
      const auto swapped = merge_record_files(head + a, head + a + b + "\n" + c, head + a + b);
      REQUIRE(swapped.has_value());
      CHECK(*swapped == head + a + b + "\n" + c);
    }
    SUBCASE("an existing entry followed by a blank line on one side is not an edit") {
      const std::string ours = head + a + "\n" + b;
      const std::string theirs = head + a + c;
      const auto result = merge_record_files(head + a, ours, theirs);
      REQUIRE(result.has_value());
      CHECK(holds_entries_as_written(*result, ours, theirs, 1));
    }
    SUBCASE("a | block in ours' last entry that ends with a newline merges") {
      const std::string ours = head + a + block;
      const std::string theirs = head + a + c;
      const auto result = merge_record_files(head + a, ours, theirs);
      REQUIRE(result.has_value());
      CHECK(*result == head + a + block + c);
      CHECK(holds_entries_as_written(*result, ours, theirs, 1));
    }
  }

  TEST_CASE("ours and theirs each appended an entry: ours' first, then theirs'") {
    CHECK(merged(head + a, head + a + b, head + a + c) == head + a + b + c);
  }

  TEST_CASE("one side appended, the other did not change the file") {
    CHECK(merged(head + a, head + a + b, head + a) == head + a + b);
    CHECK(merged(head + a, head + a, head + a + c) == head + a + c);
  }

  TEST_CASE("nothing appended on either side gives ours unchanged") {
    CHECK(merged(head + a, head + a, head + a) == head + a);
  }

  TEST_CASE("the same entry appended on both sides is kept once") {
    CHECK(merged(head + a, head + a + b, head + a + b) == head + a + b);
    CHECK(merged(head + a, head + a + b + c, head + a + b) == head + a + b + c);
    // The two sides appended the same two entries in another order: each once, ours' order.
    CHECK(merged(head + a, head + a + b + c, head + a + c + b) == head + a + b + c);
  }

  TEST_CASE("the same entry appended twice on one side is kept twice") {
    // Two sessions on one day with the same text are two entries.
    CHECK(merged(head + a, head + a + b + b, head + a) == head + a + b + b);
    CHECK(merged(head + a, head + a, head + a + b + b) == head + a + b + b);
    // Ours appended it once and theirs twice: ours' copy is shared, theirs' second is added.
    CHECK(merged(head + a, head + a + b, head + a + b + b) == head + a + b + b);
    // Ours twice and theirs once: theirs' copy is one of ours'.
    CHECK(merged(head + a, head + a + b + b, head + a + b) == head + a + b + b);
    // Theirs appended a copy of an entry that was already in the base: it is new.
    CHECK(merged(head + a, head + a, head + a + a) == head + a + a);
  }

  TEST_CASE("an edited entry falls back to git") {
    CHECK_FALSE(merge_record_files(head + a, head + a_edited, head + a + c).has_value());
    CHECK_FALSE(merge_record_files(head + a, head + a + b, head + a_edited + c).has_value());
    // Even the same edit on both sides: git's own merge takes it cleanly.
    CHECK_FALSE(merge_record_files(head + a, head + a_edited, head + a_edited).has_value());
  }

  TEST_CASE("a removed entry falls back to git") {
    CHECK_FALSE(merge_record_files(head + a + b, head + b, head + a + b + c).has_value());
    CHECK_FALSE(merge_record_files(head + a + b, head + a + b + c, head + a).has_value());
  }

  TEST_CASE("an entry inserted before an existing one falls back to git") {
    CHECK_FALSE(merge_record_files(head + a, head + c + a, head + a + b).has_value());
  }

  TEST_CASE("comments are kept") {
    SUBCASE("a comment ours added above the list") {
      const std::string commented = "# Jane's log, 2026-27\n" + head;
      CHECK(merged(head + a, commented + a + b, head + a + c) == commented + a + b + c);
    }
    SUBCASE("a comment theirs added above the list, ours appended") {
      const std::string commented = "# Jane's log, 2026-27\n" + head;
      CHECK(merged(head + a, head + a + b, commented + a + c) == commented + a + b + c);
    }
    SUBCASE("a comment inside an entry theirs appended, as theirs wrote it") {
      const std::string c_commented =
          "  - date: 2026-09-16  # rescheduled\n    mentee: asmith\n"
          "    # after school\n    duration: 45m\n";
      CHECK(merged(head + a, head + a + b, head + a + c_commented) == head + a + b + c_commented);
    }
    SUBCASE("a comment after the list stays last") {
      const std::string tail = "# end of the log\n";
      CHECK(merged(head + a + tail, head + a + b + tail, head + a + c + tail) == head + a + b + c + tail);
    }
    SUBCASE("the same comment added on both sides is kept once") {
      const std::string commented = "# checked\n" + head;
      CHECK(merged(head + a, commented + a + b, commented + a + c) == commented + a + b + c);
    }
  }

  TEST_CASE("different changes to the lines around the list fall back to git") {
    CHECK_FALSE(merge_record_files(head + a, "# one\n" + head + a, "# two\n" + head + a).has_value());
    const std::string tail = "# end\n";
    CHECK_FALSE(
        merge_record_files(head + a + tail, head + a + "# ours\n", head + a + "# theirs\n").has_value());
  }

  TEST_CASE("a file created on both sides") {
    // No base: each side's entries are new; ours' come first.
    CHECK(merged("", head + a, head + b) == head + a + b);
    // Both created it with the same entry: kept once.
    CHECK(merged("", head + a, head + a) == head + a);
    // The two sides wrote different lines before the list: git decides.
    CHECK_FALSE(merge_record_files("", "# mine\n" + head + a, head + b).has_value());
  }

  TEST_CASE("a base whose list was still empty") { CHECK(merged(head, head + a, head + b) == head + a + b); }

  TEST_CASE("a result that would not read back falls back to git") {
    // Both sides started the empty list, indented differently: "- " at column 0 after
    // "  - " items would end the list, so the merged file is refused.
    const std::string b_unindented = "- date: 2026-09-15\n  mentee: asmith\n  duration: 1h\n";
    CHECK_FALSE(merge_record_files(head, head + a, head + b_unindented).has_value());
  }

  TEST_CASE("a value outside the list never changes: a | block ending ours without a line end") {
    // Found by fuzz_merge: the line end added after ours' last line made the text "m:\n".
    const std::string ours = "notes: |\n  m:";
    const auto result = merge_record_files("", ours, "");
    CHECK((!result.has_value() || *result == ours));
    CHECK_FALSE(merge_record_files("", ours, "entries:\n" + a).has_value());
  }

  TEST_CASE("line ends: ours' are kept and given to theirs' lines") {
    CHECK(merged(crlf(head + a), crlf(head + a + b), head + a + c) == crlf(head + a + b + c));
    // An entry that differs only in its line ends is the same entry.
    CHECK(merged(crlf(head + a), crlf(head + a + b), head + a + b) == crlf(head + a + b));
  }

  TEST_CASE("ours without a final newline gets one before theirs' entries") {
    std::string ours = head + a + b;
    ours.pop_back();
    CHECK(merged(head + a, ours, head + a + c) == head + a + b + c);
  }

  TEST_CASE("files that are not one mapping with one list fall back to git") {
    const std::string two_lists = "a:\n  - 1\nb:\n  - 2\n";
    CHECK_FALSE(merge_record_files(two_lists, two_lists, two_lists).has_value());
    CHECK_FALSE(
        merge_record_files(head + a, "<<<<<<< ours\n" + head + a + "=======\n>>>>>>> theirs\n", head + a)
            .has_value());
    CHECK_FALSE(merge_record_files(head + a, head + a + b, "- just a list\n").has_value());
  }
}

}  // namespace mentorctl
