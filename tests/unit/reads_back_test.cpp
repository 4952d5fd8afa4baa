// The writer's read-back check (writer_check.cpp): a new text must read as the old one
// plus exactly the new items at the end of the list they went to, nothing else changed.
// The list is read item by item, so each way of differing is pinned here.
#include "write/writer.hpp"
#include "write/writer_internal.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace mentorctl::writer_detail {
namespace {

const std::string old_log =
    "mentor: jdoe\n"
    "entries:\n"
    "  - date: 2026-09-01\n"
    "    mentee: asmith\n"
    "    duration: 1h\n"
    "  - date: 2026-09-08  # a comment\n"
    "    mentee: asmith\n"
    "    duration: 45m\n";

const std::string new_entry =
    "  - date: 2026-09-15\n"
    "    mentee: asmith\n"
    "    duration: 30m\n";

std::vector<NewItem> entry(const std::string& duration) {
  return {NewItem().text("date", "2026-09-15").text("mentee", "asmith").canonical("duration", duration)};
}

const ListAddress entries{"entries", "", "", ""};
const std::vector<std::pair<std::string, std::string>> no_header;

bool check(const std::string& before, const std::string& after, const std::vector<NewItem>& items,
           const ListAddress& address = entries) {
  return reads_back(before, after, address, items, no_header);
}

TEST_CASE("reads back: the old items and keys unchanged and the new item at the end") {
  CHECK(check(old_log, old_log + new_entry, entry("30m")));
  // The new item must read as the values it was made from.
  CHECK_FALSE(check(old_log, old_log + new_entry, entry("45m")));
  // Exactly the new items: not one more, not one fewer.
  CHECK_FALSE(check(old_log, old_log + new_entry + new_entry, entry("30m")));
  CHECK_FALSE(check(old_log, old_log, entry("30m")));
}

TEST_CASE("reads back: any other change is refused") {
  std::string changed_item = old_log;
  changed_item.replace(changed_item.find("duration: 1h"), 12, "duration: 2h");
  CHECK_FALSE(check(old_log, changed_item + new_entry, entry("30m")));
  std::string changed_key = old_log;
  changed_key.replace(0, 12, "mentor: jdoa");
  CHECK_FALSE(check(old_log, changed_key + new_entry, entry("30m")));
  // A top-level key added after the list, or the items reordered.
  CHECK_FALSE(check(old_log, old_log + new_entry + "extra: 1\n", entry("30m")));
  const std::string first = old_log.substr(old_log.find("  - date: 2026-09-01"), 58);
  std::string reordered = old_log;
  reordered.erase(reordered.find(first), first.size());
  CHECK_FALSE(check(old_log, reordered + first + new_entry, entry("30m")));
  // Comments and positions are no values: a comment added elsewhere changes nothing.
  CHECK(check(old_log, "# top\n" + old_log + new_entry, entry("30m")));
  // The list must stay a list.
  CHECK_FALSE(check("mentor: jdoe\nentries: none\n", "mentor: jdoe\nentries:\n" + new_entry, entry("30m")));
}

const std::string old_sessions =
    "school_year: 2026-27\n"
    "sessions:\n"
    "  - id: s1\n"
    "    date: 2026-09-01\n"
    "    attendees: [jdoe]\n"
    "  - id: s2\n"
    "    date: 2026-10-01\n"
    "    attendees:\n"
    "      - asmith\n"
    "  - id: s3\n"
    "    date: 2026-11-01\n";

const ListAddress attendees_of(const std::string& id) { return {"sessions", "id", id, "attendees"}; }

std::string with(std::string text, const std::string& after, const std::string& inserted) {
  text.insert(text.find(after) + after.size(), inserted);
  return text;
}

TEST_CASE("reads back: a nested list gets the new items, every other item stays") {
  const std::vector<NewItem> bob{NewItem::scalar("bob")};
  const std::string s2_bob = with(old_sessions, "      - asmith\n", "      - bob\n");
  CHECK(check(old_sessions, s2_bob, bob, attendees_of("s2")));
  // The same lines read for another session: refused.
  CHECK_FALSE(check(old_sessions, s2_bob, bob, attendees_of("s1")));
  // Another session changed as well.
  std::string also_s1 = s2_bob;
  also_s1.replace(also_s1.find("[jdoe]"), 6, "[jdoa]");
  CHECK_FALSE(check(old_sessions, also_s1, bob, attendees_of("s2")));
  // The holder's other keys changed.
  std::string holder_date = s2_bob;
  holder_date.replace(holder_date.find("2026-10-01"), 10, "2026-10-02");
  CHECK_FALSE(check(old_sessions, holder_date, bob, attendees_of("s2")));
  // A session without attendees gets the key.
  CHECK(check(old_sessions, old_sessions + "    attendees:\n      - bob\n", bob, attendees_of("s3")));
  CHECK_FALSE(check(old_sessions, old_sessions + "    attendees:\n      - bob\n      - bob\n", bob,
                    attendees_of("s3")));
  // No such session.
  CHECK_FALSE(check(old_sessions, s2_bob, bob, attendees_of("s9")));
}

TEST_CASE("reads back: a new file is its header and the new items") {
  const std::vector<std::pair<std::string, std::string>> header{{"mentor", "jdoe"}};
  const std::string text = "mentor: jdoe\nentries:\n" + new_entry;
  CHECK(reads_back(std::nullopt, text, entries, entry("30m"), header));
  CHECK_FALSE(reads_back(std::nullopt, text, entries, entry("30m"), {{"mentor", "jdoa"}}));
  CHECK_FALSE(reads_back(std::nullopt, text + "extra: 1\n", entries, entry("30m"), header));
}

}  // namespace
}  // namespace mentorctl::writer_detail
