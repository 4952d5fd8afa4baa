#include "write/writer.hpp"
#include "fixture.hpp"
#include "util/files.hpp"
#include "util/git.hpp"
#include "write/commands.hpp"
#include "write/merge.hpp"
#include "yaml/layout.hpp"
#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <iterator>

using namespace mentorctl;
using mentorctl::test::TempRepo;

namespace {

// Reads a one-key document `v: <scalar>` back: the value's type and text.
Node read_value(const std::string& scalar_text) {
  Diagnostics diagnostics;
  Node root;
  const std::string text = "v: " + scalar_text + "\n";
  REQUIRE_MESSAGE(read_yaml_tree(text, "t.yaml", diagnostics, root), text);
  return *root.find("v");
}

NewItem log_item(const std::string& date, const std::string& mentee) {
  NewItem item;
  item.canonical("date", date).text("mentee", mentee).canonical("duration", "1h").text("kind", "meeting");
  return item;
}

std::string append(std::string_view content, const std::vector<NewItem>& items,
                   const ListAddress& address = {"entries", "", "", ""}) {
  const auto result = append_to_list(content, address, items);
  REQUIRE_MESSAGE(result.has_value(), (result.has_value() ? std::string() : result.error().message));
  return result.value().content;
}

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_pair_repo(const TempRepo& repo) {
  repo.write("people/jdoe.yaml", "id: jdoe\nname: Jane Doe\nroles: [mentor]\nprograms: [p]\n");
  repo.write("people/asmith.yaml", "id: asmith\nname: Al Smith\nroles: [mentee]\nprograms: [p]\n");
  repo.write("programs/p.yaml",
             "id: p\nname: P\nrequirements:\n  - id: agreement\n    type: milestone\n    within: 14d\n");
  repo.write("calendars/2026-27.yaml", "school_year: 2026-27\nfirst_day: 2026-08-19\nlast_day: 2027-06-04\n");
  repo.write("pairings/2026-27.yaml",
             "school_year: 2026-27\npairings:\n  - mentor: jdoe\n    mentee: asmith\n    program: p\n"
             "    start: 2026-08-24\n");
}

// A planner that appends a fixed log entry, bypassing the command's checks.
Planner fixed_log_entry(const std::string& mentee) {
  return [mentee](const Records&) -> WriteResult<Addition> {
    Addition addition;
    addition.path = "logs/2026-27/jdoe.yaml";
    addition.list.key = "entries";
    addition.new_file_header = {{"mentor", "jdoe"}};
    addition.items.push_back(log_item("2026-09-14", mentee));
    return addition;
  };
}

const Date today = *parse_date("2026-11-22");

}  // namespace

TEST_SUITE("writer") {
  TEST_CASE("scalars are plain unless YAML would read them otherwise") {
    SUBCASE("plain") {
      for (const char* text : {"asmith", "classroom management", "ILP goal 1", "café ☕", "-dash", "a:b",
                               "x#y", "2026-27", "08-01", "1h30m", "C++", "it's", "50%"}) {
        CHECK_MESSAGE(yaml_scalar(text) == text, text);
      }
    }
    SUBCASE("quoted") {
      for (const char* text : {"yes",  "No",   "ON",    "off",        "y",
                               "n",    "true", "False", "null",       "~",
                               "",     "3",    "-1",    "1.5",        ".5",
                               "1e3",  "0x1F", "0o17",  "017",        "1_000",
                               "1:30", ".inf", ".NaN",  "2026-09-14", "2026-09-14 10:00:00",
                               "a: b", "x #y", "#tag",  "- dash",     "-",
                               "[x]",  "{x}",  "*star", "&anchor",    "!tag",
                               "|",    ">",    "'q'",   "\"q\"",      "%p",
                               "@at",  "`t",   " lead", "trail ",     "colon:",
                               "---",  "...",  "<<",    "=",          "1.2.3"}) {
        const std::string written = yaml_scalar(text);
        CHECK_MESSAGE(written.front() == '"', text);
      }
    }
    SUBCASE("flow lists need more") {
      CHECK(yaml_scalar("a, b", ScalarContext::flow) == "\"a, b\"");
      CHECK(yaml_scalar("a]", ScalarContext::flow) == "\"a]\"");
      CHECK(yaml_scalar("?q", ScalarContext::flow) == "\"?q\"");
      // libyaml refuses "a:?" and "a::" inside [ ] (found by fuzz_writer): any ':' is quoted.
      CHECK(yaml_scalar("Instruction:?", ScalarContext::flow) == "\"Instruction:?\"");
      CHECK(yaml_scalar("a::b", ScalarContext::flow) == "\"a::b\"");
      CHECK(yaml_scalar("a:b", ScalarContext::flow) == "\"a:b\"");
      CHECK(yaml_scalar("a:b") == "a:b");
      CHECK(yaml_scalar("?q", ScalarContext::block) == "?q");
      CHECK(yaml_scalar("a, b", ScalarContext::block) == "a, b");
    }
    SUBCASE("escapes") {
      CHECK(yaml_scalar("tab\there") == "\"tab\\there\"");
      CHECK(yaml_scalar("q\"b\\s ") == "\"q\\\"b\\\\s \"");
      CHECK(yaml_scalar(std::string("nul\0x", 5)) == "\"nul\\0x\"");
      CHECK(yaml_scalar("bell\x07") == "\"bell\\a\"");
      CHECK(yaml_scalar("\x01") == "\"\\x01\"");
      CHECK(yaml_scalar("line\xE2\x80\xA8sep") == "\"line\\Lsep\"");
      CHECK(yaml_scalar("nel\xC2\x85") == "\"nel\\N\"");
      CHECK(yaml_scalar("\xEF\xBB\xBF"
                        "bom") == "\"\\uFEFFbom\"");
    }
    SUBCASE("every scalar reads back as the same string") {
      for (const char* text : {"yes", "3", "a: b", "x #y", "tab\there", "q\"b\\s ", "\x01", "café", " lead",
                               "line\xE2\x80\xA8sep", "---", "-dash", "?q", "2026-09-14", ""}) {
        const Node value = read_value(yaml_scalar(text));
        CHECK_MESSAGE(value.scalar == ScalarType::string, text);
        CHECK_MESSAGE(value.text == text, text);
      }
    }
  }

  TEST_CASE("new items: fixed key order, lists, multi-line text") {
    NewItem item = log_item("2026-09-14", "asmith");
    item.flow_list("topics", {"planning", "yes", "a, b"})
        .text("notes", "first\n  second: x\n\nlast\n")
        .block_list("attendees", {"jdoe", "3"})
        .canonical("confidential", "false");
    CHECK(item.lines(2, 2) == std::vector<std::string>{
                                  "  - date: 2026-09-14",
                                  "    mentee: asmith",
                                  "    duration: 1h",
                                  "    kind: meeting",
                                  "    topics: [planning, \"yes\", \"a, b\"]",
                                  "    notes: |",
                                  "      first",
                                  "        second: x",
                                  "",
                                  "      last",
                                  "    attendees:",
                                  "      - jdoe",
                                  "      - \"3\"",
                                  "    confidential: false",
                              });
    SUBCASE("chomping and indentation indicators") {
      CHECK(NewItem().text("note", "a\nb").lines(0, 2)[0] == "- note: |-");
      CHECK(NewItem().text("note", "  indented\nb\n").lines(0, 2)[0] == "- note: |2");
      CHECK(NewItem().text("note", "a\nb\n\n").lines(0, 2)[0] == "- note: \"a\\nb\\n\\n\"");
      CHECK(NewItem().text("note", "trailing \nspace").lines(0, 2)[0] == "- note: \"trailing \\nspace\"");
      CHECK(NewItem().text("note", "cr\r\nlf").lines(0, 2)[0] == "- note: \"cr\\r\\nlf\"");
    }
    SUBCASE("odd indentation is copied") {
      CHECK(log_item("2026-09-14", "a").lines(4, 4)[0] == "    -   date: 2026-09-14");
      CHECK(log_item("2026-09-14", "a").lines(4, 4)[1] == "        mentee: a");
      CHECK(NewItem::scalar("jdoe").lines(6, 2) == std::vector<std::string>{"      - jdoe"});
    }
  }

  TEST_CASE("appending keeps every byte and inserts after the last item") {
    const std::vector<NewItem> items = {log_item("2026-09-21", "asmith")};
    const std::string added =
        "  - date: 2026-09-21\n    mentee: asmith\n    duration: 1h\n    kind: meeting\n";
    SUBCASE("plain file") {
      const std::string old =
          "mentor: jdoe\nentries:\n  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n";
      const auto result = append_to_list(old, {"entries", "", "", ""}, items);
      REQUIRE(result.has_value());
      CHECK(result.value().content == old + added);
      CHECK(result.value().first_added_line == 6);
      CHECK(result.value().added_lines.size() == 4);
    }
    SUBCASE("comments and blank lines stay where they are") {
      const std::string old =
          "# log\nmentor: jdoe  # me\nentries:\n  # first\n  - date: 2026-09-14  # Monday\n    mentee: "
          "asmith\n"
          "    duration: 1h\n\n  # after the list\n# end\n";
      CHECK(append(old, items) ==
            "# log\nmentor: jdoe  # me\nentries:\n  # first\n  - date: 2026-09-14  # Monday\n    mentee: "
            "asmith\n"
            "    duration: 1h\n" +
                added + "\n  # after the list\n# end\n");
    }
    SUBCASE("CRLF stays CRLF, a missing final newline is added") {
      const std::string old =
          "mentor: jdoe\r\nentries:\r\n  - date: 2026-09-14\r\n    mentee: asmith\r\n    duration: 1h";
      std::string expected = added;
      for (std::size_t at = expected.find('\n'); at != std::string::npos; at = expected.find('\n', at + 2)) {
        expected.replace(at, 1, "\r\n");
      }
      CHECK(append(old, items) == old + "\r\n" + expected);
    }
    SUBCASE("the list's indentation is copied") {
      const std::string indentless =
          "mentor: jdoe\nentries:\n- date: 2026-09-14\n  mentee: asmith\n  duration: 1h\n";
      CHECK(append(indentless, items) ==
            indentless + "- date: 2026-09-21\n  mentee: asmith\n  duration: 1h\n  kind: meeting\n");
      const std::string wide =
          "entries:\n    -   date: 2026-09-14\n        mentee: asmith\n        duration: 1h\nmentor: jdoe\n";
      CHECK(append(wide, items) ==
            "entries:\n    -   date: 2026-09-14\n        mentee: asmith\n        duration: 1h\n"
            "    -   date: 2026-09-21\n        mentee: asmith\n        duration: 1h\n"
            "        kind: meeting\nmentor: jdoe\n");
    }
    SUBCASE("a block scalar at the end: its blank lines and comment-like lines") {
      const std::string old =
          "mentor: jdoe\nentries:\n  - date: 2026-09-14\n    notes: |\n      text\n"
          "      # part of the text\n\n\n# comment\n";
      CHECK(append(old, items) ==
            "mentor: jdoe\nentries:\n  - date: 2026-09-14\n    notes: |\n      text\n"
            "      # part of the text\n" +
                added + "\n\n# comment\n");
      const std::string keep =
          "mentor: jdoe\nentries:\n  - date: 2026-09-14\n    notes: |+\n      text\n\n# c\n";
      CHECK(append(keep, items) ==
            "mentor: jdoe\nentries:\n  - date: 2026-09-14\n    notes: |+\n      text\n\n" + added + "# c\n");
    }
    SUBCASE("a multi-line flow value at the end") {
      const std::string old = "entries:\n  - date: 2026-09-14\n    topics: [a,\n      b]\nmentor: jdoe\n";
      CHECK(append(old, items) ==
            "entries:\n  - date: 2026-09-14\n    topics: [a,\n      b]\n" + added + "mentor: jdoe\n");
    }
  }

  TEST_CASE("flow lists") {
    const std::vector<NewItem> items = {log_item("2026-09-21", "asmith")};
    SUBCASE("a non-empty flow list is refused with how to rewrite it") {
      const auto result =
          append_to_list("mentor: jdoe\nentries: [{date: 2026-09-14}]\n", {"entries", "", "", ""}, items);
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().message.find("'entries' (line 2) is written as a flow list") !=
            std::string::npos);
      CHECK(result.error().message.find("  entries:\n    - first item\n") != std::string::npos);
    }
    SUBCASE("an empty one on its key's line becomes a block list") {
      const auto result =
          append_to_list("mentor: jdoe\nentries: [ ]   # none\n", {"entries", "", "", ""}, items);
      REQUIRE(result.has_value());
      CHECK(result.value().content ==
            "mentor: jdoe\nentries:   # none\n  - date: 2026-09-21\n    mentee: asmith\n    duration: 1h\n"
            "    kind: meeting\n");
      CHECK(result.value().converted_line == "entries:   # none");
    }
    SUBCASE("an empty one followed at once by a comment keeps its key (found by fuzz_writer)") {
      const auto result = append_to_list("mentor: jdoe\nentries: []#none\n", {"entries", "", "", ""}, items);
      REQUIRE(result.has_value());
      CHECK(result.value().converted_line == "entries: #none");
    }
    SUBCASE("an empty one over two lines is refused") {
      CHECK_FALSE(append_to_list("mentor: jdoe\nentries: [\n  ]\n", {"entries", "", "", ""}, items).has_value());
    }
    SUBCASE("a flow mapping as the whole file is refused") {
      CHECK_FALSE(append_to_list("{mentor: jdoe, entries: []}\n", {"entries", "", "", ""}, items).has_value());
    }
    SUBCASE("after a byte-order mark, on the first line") {
      // libyaml's columns do not count the BOM: the '[' is found 3 bytes further on.
      const std::string bom = "\xEF\xBB\xBF";
      CHECK(append(bom + "entries: []\nmentor: jdoe\n", items) ==
            bom +
                "entries:\n  - date: 2026-09-21\n    mentee: asmith\n    duration: 1h\n    kind: meeting\n"
                "mentor: jdoe\n");
    }
    SUBCASE("lone carriage returns are refused") {
      CHECK_FALSE(append_to_list("mentor: jdoe\rentries: []\n", {"entries", "", "", ""}, items).has_value());
    }
  }

  TEST_CASE("nested lists: a session's attendees") {
    const ListAddress attendees{"sessions", "id", "s2", "attendees"};
    const std::vector<NewItem> people = {NewItem::scalar("kwong"), NewItem::scalar("no")};
    SUBCASE("absent: the key is added after the session") {
      const std::string old =
          "school_year: 2026-27\nsessions:\n  - id: s1\n    date: 2026-08-05\n"
          "  - id: s2\n    date: 2026-09-05\n    kind: half-day\n  - id: s3\n";
      CHECK(append(old, people, attendees) ==
            "school_year: 2026-27\nsessions:\n  - id: s1\n    date: 2026-08-05\n  - id: s2\n    date: "
            "2026-09-05\n"
            "    kind: half-day\n    attendees:\n      - kwong\n      - \"no\"\n  - id: s3\n");
    }
    SUBCASE("a block list: after its last item, with its indentation") {
      const std::string old =
          "sessions:\n  - id: s2\n    attendees:\n    - jdoe\n    # more later\n    kind: x\n";
      CHECK(append(old, people, attendees) ==
            "sessions:\n  - id: s2\n    attendees:\n    - jdoe\n    - kwong\n    - \"no\"\n    # more "
            "later\n    kind: x\n");
    }
    SUBCASE("unknown session") {
      CHECK_FALSE(append_to_list("sessions:\n  - id: s1\n", attendees, people).has_value());
    }
  }

  TEST_CASE("new files") {
    const auto text = new_file_text({{"school_year", "2026-27"}}, "sessions", {NewItem().text("id", "s1")});
    CHECK(text.content == "school_year: 2026-27\nsessions:\n  - id: s1\n");
    CHECK(text.added_lines.size() == 3);
  }

  TEST_CASE("layout: items and their dash lines") {
    const auto layout = read_layout("a:\n- x\n-\n  y\n- |\n   z\n\n\nb: [1,\n 2]\n");
    REQUIRE(layout.has_value());
    const LayoutNode* a = layout->find("a");
    REQUIRE(a != nullptr);
    CHECK(a->item_lines == std::vector<std::size_t>{1, 2, 4});
    CHECK(a->last_line == 5);
    CHECK(layout->find("b")->last_line == 9);
    CHECK_FALSE(read_layout("a: 1\n---\nb: 2\n").has_value());
    CHECK_FALSE(read_layout("- a\n").has_value());
  }

  TEST_CASE("layout: a skimmed list's items have the extents a full read gives them") {
    const std::vector<std::string> texts = {
        "a:\n- x\n-\n  y\n- |\n   z\n\n\nb: [1,\n 2]\n",
        "mentor: m\nentries:\n  - date: 2026-09-01  # c\n    topics: [a,\n      b]\n    note: |+\n      kept\n\n"
        "  - {date: 2026-09-02,\n     mentee: e}\n  -\n    date: x\n    nested:\n      - - deep\n        - >\n"
        "          folded\n\n# trailing comment\n",
        "entries: []\nother: 1\n",
        "entries:\n  - [a,\n     b\n    ]\n  - {k: v\n    }\n  - x\n",
        "entries:\n- a: [1, {b: 2}]\n  c: \"multi\n    line\"\n- 'x'\nz: 2\n",
    };
    for (const std::string& text : texts) {
      CAPTURE(text);
      const auto full = read_layout(text);
      REQUIRE(full.has_value());
      for (const LayoutEntry& entry : full->entries) {
        const auto skimmed = read_layout(text, entry.key.text);
        REQUIRE(skimmed.has_value());
        const LayoutNode& a = entry.value;
        const LayoutNode& b = *skimmed->find(entry.key.text);
        CHECK(a.last_line == b.last_line);
        CHECK(a.item_lines == b.item_lines);
        REQUIRE(a.items.size() == b.items.size());
        for (std::size_t i = 0; i < a.items.size(); ++i) {
          CHECK(a.items[i].kind == b.items[i].kind);
          CHECK(a.items[i].flow == b.items[i].flow);
          CHECK(a.items[i].first_line == b.items[i].first_line);
          CHECK(a.items[i].first_column == b.items[i].first_column);
          CHECK(a.items[i].last_line == b.items[i].last_line);
          CHECK(b.items[i].entries.empty());
          CHECK(b.items[i].text.empty());
        }
        CHECK(full->last_line == skimmed->last_line);
      }
    }
  }

  TEST_CASE("write_records: validated, atomic, refuses broken files") {
    TempRepo repo;
    write_pair_repo(repo);
    SUBCASE("creates the file, then appends") {
      auto first = write_records(repo.root(), fixed_log_entry("asmith"), {});
      REQUIRE_MESSAGE(first.has_value(), (first.has_value() ? "" : first.error().message));
      CHECK(first.value().created);
      CHECK(first.value().written);
      auto second = write_records(repo.root(), fixed_log_entry("asmith"), {});
      REQUIRE(second.has_value());
      CHECK_FALSE(second.value().created);
      CHECK(repo.load().logs.size() == 2);
      CHECK(repo.load().diagnostics.error_count() == 0);
    }
    SUBCASE("a second copy of a warning the file has is a new warning") {
      // bking has no pairing: each entry for him gets the same no-pairing warning, in the
      // same file, word for word. The diagnostics are counted, not just compared as a set.
      repo.write("people/bking.yaml", "id: bking\nname: B King\nroles: [mentee]\nprograms: [p]\n");
      auto first = write_records(repo.root(), fixed_log_entry("bking"), {});
      REQUIRE(first.has_value());
      CHECK(first.value().new_warnings.size() == 1);
      auto second = write_records(repo.root(), fixed_log_entry("bking"), {});
      REQUIRE(second.has_value());
      REQUIRE(second.value().new_warnings.size() == 1);
      CHECK(second.value().new_warnings.items().front().code == "no-pairing");
    }
    SUBCASE("a dry run writes nothing") {
      auto result = write_records(repo.root(), fixed_log_entry("asmith"), WriteOptions{true, false, {}, {}});
      REQUIRE(result.has_value());
      CHECK_FALSE(result.value().written);
      CHECK_FALSE(std::filesystem::exists(repo.root() / "logs"));
    }
    SUBCASE("a change that adds an error is refused with its diagnostic") {
      auto result = write_records(repo.root(), fixed_log_entry("nobody"), {});
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().kind == WriteProblem::Kind::refused);
      REQUIRE(result.error().diagnostics.size() == 1);
      CHECK(result.error().diagnostics.items().front().code == "unknown-person");
      CHECK_FALSE(std::filesystem::exists(repo.root() / "logs"));
    }
    SUBCASE("a file with errors is never written") {
      const std::string broken =
          "mentor: jdoe\nentries:\n  - date: 2026-02-30\n    mentee: asmith\n    duration: 1h\n";
      repo.write("logs/2026-27/jdoe.yaml", broken);
      auto result = write_records(repo.root(), fixed_log_entry("asmith"), {});
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().diagnostics.items().front().code == "bad-date");
      CHECK(file_text(repo.root() / "logs/2026-27/jdoe.yaml") == broken);
    }
    SUBCASE("the planner's refusal is passed on") {
      auto result = write_records(repo.root(),
                                  [](const Records&) -> WriteResult<Addition> { return refusal("no"); }, {});
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().message == "no");
    }
    SUBCASE("permissions survive the replacement") {
      repo.write("logs/2026-27/jdoe.yaml", "mentor: jdoe\nentries: []\n");
      const auto path = repo.root() / "logs/2026-27/jdoe.yaml";
      ::chmod(path.c_str(), 0640);
      REQUIRE(write_records(repo.root(), fixed_log_entry("asmith"), {}).has_value());
      struct stat info {};
      REQUIRE(::stat(path.c_str(), &info) == 0);
      CHECK((info.st_mode & 0777) == 0640);
    }
  }

  TEST_CASE("an append by another program during a write is never lost") {
    TempRepo repo;
    write_pair_repo(repo);
    const std::string original =
        "mentor: jdoe\nentries:\n  - date: 2026-09-07\n    mentee: asmith\n    duration: 1h\n";
    const std::string shell_entry = "  - date: 2026-09-08\n    mentee: asmith\n    duration: 30m\n";
    const auto path = repo.root() / "logs/2026-27/jdoe.yaml";
    repo.write("logs/2026-27/jdoe.yaml", original);
    // What `echo ... >> file` does: open for appending and write, without the lock.
    const auto shell_append = [&] {
      std::ofstream out(path, std::ios::binary | std::ios::app);
      out << shell_entry;
    };
    WriteOptions options;
    int appends = 0;
    SUBCASE("once: the write starts again and keeps the appended entry") {
      options.before_replace = [&] {
        if (appends++ == 0) {
          shell_append();
        }
      };
      auto result = write_records(repo.root(), fixed_log_entry("asmith"), options);
      REQUIRE_MESSAGE(result.has_value(), (result.has_value() ? "" : result.error().message));
      const std::string now = file_text(path);
      CHECK(now.rfind(original + shell_entry, 0) == 0);
      CHECK(now.find("date: 2026-09-14") != std::string::npos);
      CHECK(repo.load().logs.size() == 3);
      CHECK(appends == 2);
    }
    SUBCASE("every time: refused, and every appended byte is still there") {
      options.before_replace = [&] {
        ++appends;
        shell_append();
      };
      auto result = write_records(repo.root(), fixed_log_entry("asmith"), options);
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().kind == WriteProblem::Kind::failed);
      CHECK(result.error().message.find("logs/2026-27/jdoe.yaml changed while mentorctl was writing it") !=
            std::string::npos);
      std::string expected = original;
      for (int i = 0; i < appends; ++i) {
        expected += shell_entry;
      }
      CHECK(appends == 3);
      CHECK(file_text(path) == expected);
    }
    SUBCASE("a file another program creates meanwhile is not replaced") {
      std::filesystem::remove(path);
      const std::string theirs = "mentor: jdoe\nentries:\n" + shell_entry;
      options.before_replace = [&] {
        if (appends++ == 0) {
          repo.write("logs/2026-27/jdoe.yaml", theirs);
        }
      };
      auto result = write_records(repo.root(), fixed_log_entry("asmith"), options);
      REQUIRE_MESSAGE(result.has_value(), (result.has_value() ? "" : result.error().message));
      CHECK_FALSE(result.value().created);
      CHECK(file_text(path).rfind(theirs, 0) == 0);
      CHECK(repo.load().logs.size() == 2);
    }
  }

  TEST_CASE("resolve_inside: links are followed only inside the root") {
    TempRepo repo;
    TempRepo outside;
    repo.write("shared/logs/jdoe.yaml", "x\n");
    outside.write("jdoe.yaml", "secret\n");
    std::filesystem::create_directories(repo.root() / "logs");
    SUBCASE("a folder linked inside the root resolves to where it leads") {
      std::filesystem::create_directory_symlink("../shared/logs", repo.root() / "logs/2026-27");
      auto place = resolve_inside(repo.root(), "logs/2026-27/jdoe.yaml");
      REQUIRE(place.has_value());
      CHECK(place->relative == "shared/logs/jdoe.yaml");
      CHECK(read_file_at(*place).value() == "x\n");
    }
    SUBCASE("a folder linked outside is refused, naming the link") {
      std::filesystem::create_directory_symlink(outside.root(), repo.root() / "logs/2026-27");
      auto place = resolve_inside(repo.root(), "logs/2026-27/jdoe.yaml");
      REQUIRE_FALSE(place.has_value());
      CHECK(place.error().kind == Error::Kind::outside);
      CHECK(place.error().message.rfind("logs/2026-27 is a symlink that leads outside the repository", 0) ==
            0);
    }
    SUBCASE("a file linked outside is refused") {
      std::filesystem::create_directories(repo.root() / "logs/2026-27");
      std::filesystem::create_symlink(outside.root() / "jdoe.yaml", repo.root() / "logs/2026-27/jdoe.yaml");
      auto place = resolve_inside(repo.root(), "logs/2026-27/jdoe.yaml");
      REQUIRE_FALSE(place.has_value());
      CHECK(place.error().kind == Error::Kind::outside);
    }
    SUBCASE("a dangling link is refused") {
      std::filesystem::create_directory_symlink(repo.root() / "nowhere", repo.root() / "logs/2026-27");
      auto place = resolve_inside(repo.root(), "logs/2026-27/jdoe.yaml", true);
      REQUIRE_FALSE(place.has_value());
      CHECK(place.error().kind == Error::Kind::outside);
      CHECK_FALSE(std::filesystem::exists(repo.root() / "nowhere"));
    }
    SUBCASE("a missing folder is not found, or created on request") {
      CHECK(resolve_inside(repo.root(), "logs/2027-28/jdoe.yaml").error().kind == Error::Kind::not_found);
      auto place = resolve_inside(repo.root(), "logs/2027-28/jdoe.yaml", true);
      REQUIRE(place.has_value());
      CHECK(std::filesystem::is_directory(repo.root() / "logs/2027-28"));
      CHECK(read_file_at(*place).error().kind == Error::Kind::not_found);
    }
    SUBCASE("a link read at the last step is never followed") {
      std::filesystem::create_directories(repo.root() / "logs/2026-27");
      auto place = resolve_inside(repo.root(), "logs/2026-27/jdoe.yaml");
      REQUIRE(place.has_value());
      // Swapped in after the check: read_file_at opens with O_NOFOLLOW.
      std::filesystem::create_symlink(outside.root() / "jdoe.yaml", repo.root() / "logs/2026-27/jdoe.yaml");
      CHECK(read_file_at(*place).error().kind == Error::Kind::outside);
    }
    SUBCASE("paths that climb out are refused") {
      CHECK(resolve_inside(repo.root(), "../x.yaml").error().kind == Error::Kind::outside);
    }
  }

  TEST_CASE("replace_file_atomically creates folders and leaves no temporary file") {
    TempRepo repo;
    const auto path = repo.root() / "a/b/c.yaml";
    CHECK(replace_file_atomically(path, {"x: 1\n"}).has_value());
    CHECK(file_text(path) == "x: 1\n");
    CHECK(replace_file_atomically(path, {"x: 2\n"}).has_value());
    CHECK(file_text(path) == "x: 2\n");
    CHECK(std::distance(std::filesystem::directory_iterator(path.parent_path()), {}) == 1);
  }

  TEST_CASE("the lock is exclusive") {
    TempRepo repo;
    auto held = RepositoryLock::acquire(repo.root());
    REQUIRE(held.has_value());
    CHECK(lock_path(repo.root()).filename() ==
          (find_git_directory(repo.root()) ? "mentorctl.lock" : ".mentorctl.lock"));
    // flock is per open file: a second acquisition waits, then gives up.
    auto second = RepositoryLock::acquire(repo.root(), 0);
    CHECK_FALSE(second.has_value());
    held.value().reset();
    CHECK(RepositoryLock::acquire(repo.root(), 0).has_value());
  }

  TEST_CASE("planning refusals") {
    TempRepo repo;
    write_pair_repo(repo);
    const Records records = repo.load();
    LogRequest log;
    log.mentor = "jdoe";
    log.mentee = "asmith";
    log.duration = "1h";
    log.date = "2026-09-14";
    SUBCASE("a good entry") {
      auto planned = plan_log(records, log, today);
      REQUIRE(planned.has_value());
      CHECK(planned.value().path == "logs/2026-27/jdoe.yaml");
      CHECK(planned.value().items.front().lines(2, 2).back() == "    confidential: false");
    }
    SUBCASE("future") {
      log.date = "2026-11-23";
      CHECK(plan_log(records, log, today).error().message.find("in the future") != std::string::npos);
    }
    SUBCASE("no pairing, and --force") {
      log.date = "2026-08-20";
      CHECK_FALSE(plan_log(records, log, today).has_value());
      log.force = true;
      CHECK(plan_log(records, log, today).has_value());
    }
    SUBCASE("milestones") {
      log.completes = {"agreement"};
      CHECK(plan_log(records, log, today).has_value());
      log.completes = {"agreemnt"};
      CHECK(plan_log(records, log, today).error().message.find("did you mean 'agreement'?") !=
            std::string::npos);
    }
    SUBCASE("overlapping pairing") {
      PairRequest pair{"jdoe", "asmith", "p", "2026-10-01", ""};
      CHECK(plan_pair(records, pair, today).error().message.find("already paired") != std::string::npos);
      pair.start = "2025-09-01";
      pair.end = "2026-08-23";
      CHECK(plan_pair(records, pair, today).has_value());
    }
  }

  TEST_CASE("merging record files entry by entry") {
    const std::string head = "mentor: jdoe\nentries:\n";
    const std::string a = "  - date: 2026-09-14\n    mentee: asmith\n    duration: 1h\n";
    const std::string b = "  - date: 2026-09-15\n    mentee: asmith\n    duration: 1h\n";
    const std::string c = "  - date: 2026-09-16\n    mentee: asmith\n    duration: 1h\n";
    CHECK(merge_record_files(head + a, head + a + b, head + a + c) == head + a + b + c);
    CHECK(merge_record_files(head + a, head + a + b, head + a + b) == head + a + b);
    CHECK(merge_record_files(head + a, head + a, head + a + c) == head + a + c);
    CHECK(merge_record_files("", head + a, head + b) == head + a + b);
    // Two sessions on one day are two entries: theirs' second copy is kept, ours' one is shared.
    CHECK(merge_record_files(head + a, head + a + b, head + a + b + b) == head + a + b + b);
    CHECK(merge_record_files(head + a, head + a + b + b, head + a + b) == head + a + b + b);
    CHECK(merge_record_files(head + a, head + a + b + b, head + a + c + b) == head + a + b + b + c);
    SUBCASE("a changed or removed entry falls back to git") {
      CHECK_FALSE(merge_record_files(head + a, head + a + b, head + c).has_value());
      CHECK_FALSE(merge_record_files(head + a + b, head + b, head + a + b + c).has_value());
    }
    SUBCASE("the lines around the list merge three-way") {
      const std::string commented = "# Jane\n" + head;
      CHECK(merge_record_files(head + a, commented + a + b, head + a + c) == commented + a + b + c);
      CHECK_FALSE(merge_record_files(head + a, "# one\n" + head + a, "# two\n" + head + a).has_value());
    }
    SUBCASE("not a record list") {
      CHECK_FALSE(merge_record_files("a: [1]\nb: [2]\n", "a: [1]\nb: [2]\n", "a: [1]\nb: [2]\n").has_value());
      CHECK_FALSE(merge_record_files(head + a, "<<<<<<< x\n", head + a).has_value());
    }
  }
}
