// UTF-8 helpers: code points, terminal columns, and wrapping at spaces.
#include "util/utf8.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace mentorctl {

TEST_SUITE("utf8") {
  TEST_CASE("display_width counts code points, not bytes") {
    CHECK(display_width("") == 0);
    CHECK(display_width("abc") == 3);
    CHECK(display_width("caf\xC3\xA9") == 4);               // é is two bytes
    CHECK(display_width("\xE2\x96\x87\xE2\x96\x91") == 2);  // ▇░
  }

  TEST_CASE("wrap_words breaks at spaces only, each line within the width") {
    CHECK(wrap_words("", 10).empty());
    CHECK(wrap_words("one", 10) == std::vector<std::string>{"one"});
    // "aaa bbb" is 7 columns: fits in 7, not in 6
    CHECK(wrap_words("aaa bbb ccc", 7) == std::vector<std::string>{"aaa bbb", "ccc"});
    CHECK(wrap_words("aaa bbb ccc", 6) == std::vector<std::string>{"aaa", "bbb", "ccc"});
    // a word longer than the width stays whole on its own line
    CHECK(wrap_words("a extraordinarily b", 5) == std::vector<std::string>{"a", "extraordinarily", "b"});
    // runs of spaces collapse; UTF-8 counts by code point
    CHECK(wrap_words("caf\xC3\xA9  au lait", 7) == std::vector<std::string>{"caf\xC3\xA9 au", "lait"});
  }
}

}  // namespace mentorctl
