#include "yaml/reader.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace mentorctl;

namespace {

struct Parsed {
  bool ok = false;
  Node root;
  Diagnostics diagnostics;
};

Parsed parse(std::string_view text) {
  Parsed p;
  p.ok = read_yaml_tree(text, "f.yaml", p.diagnostics, p.root);
  return p;
}

std::string first_code(const Parsed& p) {
  return p.diagnostics.items().empty() ? std::string{} : p.diagnostics.items().front().code;
}

}  // namespace

TEST_SUITE("yaml_reader") {
  TEST_CASE("YAML 1.2 core typing of plain scalars") {
    const auto p = parse("a: yes\nb: true\nc: 08-01\nd: 3\ne: 1.5\nf: ~\ng: \"3\"\nh: 2026-27\ni: 0x1F\nj: False\n");
    REQUIRE(p.ok);
    const auto type = [&](const char* key) { return p.root.find(key)->scalar; };
    CHECK(type("a") == ScalarType::string);
    CHECK(type("b") == ScalarType::boolean);
    CHECK(type("c") == ScalarType::string);
    CHECK(type("d") == ScalarType::integer);
    CHECK(type("e") == ScalarType::floating);
    CHECK(type("f") == ScalarType::null);
    CHECK(type("g") == ScalarType::string);
    CHECK(type("h") == ScalarType::string);
    CHECK(type("i") == ScalarType::integer);
    CHECK(type("j") == ScalarType::boolean);
  }

  TEST_CASE("marks are 1-based line and column") {
    const auto p = parse("a: 1\nlist:\n  - x: 2\n");
    REQUIRE(p.ok);
    const Node* list = p.root.find("list");
    REQUIRE(list != nullptr);
    CHECK(list->items.front().mark.line == 3);
    CHECK(list->items.front().mark.column == 5);
    CHECK(list->items.front().entries.front().mark.column == 5);
  }

  TEST_CASE("bad inputs get their codes") {
    SUBCASE("duplicate key") {
      const auto p = parse("a: 1\na: 2\n");
      CHECK(first_code(p) == "duplicate-key");
      CHECK(p.diagnostics.items().front().mark.line == 2);
    }
    SUBCASE("nested duplicate key") { CHECK(first_code(parse("m:\n  x: 1\n  x: 2\n")) == "duplicate-key"); }
    SUBCASE("anchor and alias") { CHECK(first_code(parse("a: &x 1\nb: *x\n")) == "anchor-alias"); }
    SUBCASE("recursive alias does not hang") { CHECK(first_code(parse("a: &x [1, *x]\n")) == "anchor-alias"); }
    SUBCASE("tag") { CHECK(first_code(parse("a: !!int 3\n")) == "yaml-tag"); }
    SUBCASE("syntax") {
      const auto p = parse("a: [1, 2\n");
      CHECK_FALSE(p.ok);
      CHECK(first_code(p) == "yaml-syntax");
    }
    SUBCASE("tab in indentation") {
      const auto p = parse("a:\n\t- 1\n");
      CHECK_FALSE(p.ok);
      CHECK(first_code(p) == "tab-indent");
      CHECK(p.diagnostics.items().front().mark.line == 2);
    }
    SUBCASE("tab inside block text is content") {
      const auto p = parse("a: |\n  x\ty\n");
      CHECK(p.ok);
      CHECK(p.diagnostics.size() == 0);
    }
    SUBCASE("conflict markers") {
      const auto p = parse("a: 1\n<<<<<<< HEAD\nb: 2\n=======\nb: 3\n>>>>>>> x\n");
      CHECK_FALSE(p.ok);
      CHECK(first_code(p) == "merge-conflict");
      CHECK(p.diagnostics.size() == 1);
    }
    SUBCASE("not UTF-8") {
      const auto p = parse("a: caf\xc3\n");
      CHECK(first_code(p) == "not-utf8");
      CHECK(p.diagnostics.items().front().mark.column == 7);
    }
    SUBCASE("overlong UTF-8") { CHECK(first_code(parse("a: \xc0\xaf\n")) == "not-utf8"); }
    SUBCASE("empty") { CHECK(first_code(parse("")) == "empty-file"); }
    SUBCASE("comments only") { CHECK(first_code(parse("# nothing\n\n")) == "empty-file"); }
    SUBCASE("not a mapping") { CHECK(first_code(parse("- 1\n")) == "wrong-type"); }
    SUBCASE("two documents") { CHECK(first_code(parse("a: 1\n---\nb: 2\n")) == "yaml-syntax"); }
    SUBCASE("depth 64 is fine, 65 is not") {
      std::string ok = "a: " + std::string(63, '[') + std::string(63, ']') + "\n";
      CHECK(parse(ok).ok);
      std::string deep = "a: " + std::string(64, '[') + std::string(64, ']') + "\n";
      CHECK(first_code(parse(deep)) == "too-deep");
    }
    SUBCASE("a visitor's value budget: one field or item of more values is refused") {
      // A visitor like the loader's: streams `entries`, allows max_values_per_value.
      struct Budgeted final : DocumentVisitor {
        std::size_t items = 0;
        [[nodiscard]] bool streams(std::string_view key) const override { return key == "entries"; }
        void on_item(std::string_view, const Node&, bool) override { ++items; }
        void on_entry(const MapEntry&, bool) override {}
        [[nodiscard]] std::size_t max_values() const override { return max_values_per_value; }
      };
      const auto list = [](std::size_t n) {
        std::string text;
        for (std::size_t i = 0; i < n; ++i) {
          text += "  - x\n";
        }
        return text;
      };
      // The list node and its items: max_values_per_value values in all.
      const std::string at_limit = "subjects:\n" + list(max_values_per_value - 1);
      const std::string over = "subjects:\n" + list(max_values_per_value);
      Diagnostics ok_diagnostics;
      Budgeted ok_visitor;
      CHECK(read_yaml(at_limit, "f.yaml", ok_diagnostics, ok_visitor));
      CHECK(ok_diagnostics.items().empty());
      Diagnostics over_diagnostics;
      Budgeted over_visitor;
      CHECK_FALSE(read_yaml(over, "f.yaml", over_diagnostics, over_visitor));
      REQUIRE(over_diagnostics.items().size() == 1);
      CHECK(over_diagnostics.items().front().code == "too-many-values");
      CHECK(over_diagnostics.items().front().mark.line == max_values_per_value + 1);
      // The budget is per streamed item, not per list: many small entries are fine.
      Diagnostics streamed_diagnostics;
      Budgeted streamed_visitor;
      CHECK(read_yaml("entries:\n" + list(2 * max_values_per_value), "f.yaml", streamed_diagnostics,
                      streamed_visitor));
      CHECK(streamed_visitor.items == 2 * max_values_per_value);
      // The top-level mapping's keys have the same budget.
      std::string keys;
      for (std::size_t i = 0; i <= max_values_per_value; ++i) {
        keys += "k" + std::to_string(i) + ": v\n";
      }
      Diagnostics keys_diagnostics;
      Budgeted keys_visitor;
      CHECK_FALSE(read_yaml(keys, "f.yaml", keys_diagnostics, keys_visitor));
      REQUIRE(keys_diagnostics.items().size() == 1);
      CHECK(keys_diagnostics.items().front().code == "too-many-values");
      // A visitor without a budget (the writer's read-back of a whole file) has no limit.
      CHECK(parse(over).ok);
    }
    SUBCASE("very deep input does not overflow the stack") {
      std::string deep = "a: " + std::string(100000, '[') + "\n";
      CHECK_FALSE(parse(deep).ok);
    }
  }

  TEST_CASE("BOM and CRLF are accepted") {
    const auto p = parse("\xef\xbb\xbf" "a: 1\r\nb: [x, y]\r\n");
    REQUIRE(p.ok);
    CHECK(p.root.find("b")->items.size() == 2);
    CHECK(p.root.find("a")->text == "1");
  }

  TEST_CASE("streamed lists deliver items one by one") {
    class Collect final : public DocumentVisitor {
     public:
      [[nodiscard]] bool streams(std::string_view key) const override { return key == "entries"; }
      void on_item(std::string_view, const Node& item, bool clean) override {
        items.push_back(item.find("x") != nullptr ? item.find("x")->text : "?");
        cleans.push_back(clean);
      }
      void on_entry(const MapEntry& entry, bool) override { keys.push_back(entry.key); }
      std::vector<std::string> items, keys;
      std::vector<bool> cleans;
    } visitor;
    Diagnostics diagnostics;
    CHECK(read_yaml("head: 1\nentries:\n  - x: 1\n  - x: 2\n    x: 3\n  - x: 4\n", "f.yaml", diagnostics, visitor));
    CHECK(visitor.items == std::vector<std::string>{"1", "2", "4"});
    CHECK(visitor.cleans == std::vector<bool>{true, false, true});
    CHECK(visitor.keys == std::vector<std::string>{"head", "entries"});
  }

  TEST_CASE("duplicate keys are found in linear time, in a nested and in the top-level mapping") {
    // 200,000 keys: a scan per key took minutes; an ordered set takes a fraction of a second.
    // The bound is a hundred times that, so a loaded machine or a sanitizer build passes.
    constexpr int keys = 200'000;
    for (const bool nested : {true, false}) {
      CAPTURE(nested);
      std::string text = nested ? "a:\n" : "";
      for (int i = 0; i < keys; ++i) {
        text += (nested ? "  k" : "k") + std::to_string(i) + ": 1\n";
      }
      text += nested ? "  k17: 2\n" : "k17: 2\n";  // one duplicate, at the end
      const auto start = std::chrono::steady_clock::now();
      const auto p = parse(text);
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      CHECK(seconds < 20.0);
      REQUIRE(p.diagnostics.size() == 1);
      CHECK(p.diagnostics.items()[0].code == "duplicate-key");
      CHECK(p.diagnostics.items()[0].mark.line == (nested ? keys + 2 : keys + 1));
    }
  }
}
