#include "yaml/core_schema.hpp"

#include <algorithm>
#include <set>

namespace mentorctl {
namespace {

bool matches_core_int(std::string_view s) {
  if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
    const bool hex = s[1] == 'x';
    return std::all_of(s.begin() + 2, s.end(), [hex](char c) {
      return (c >= '0' && c <= '7') ||
             (hex && ((c >= '8' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
    });
  }
  std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  if (i == s.size()) {
    return false;
  }
  return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

bool matches_core_float(std::string_view s) {
  static const std::set<std::string_view> specials = {".inf",  ".Inf",  ".INF",  "+.inf", "+.Inf", "+.INF",
                                                      "-.inf", "-.Inf", "-.INF", ".nan",  ".NaN",  ".NAN"};
  if (specials.count(s) != 0) {
    return true;
  }
  // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
  std::size_t i = 0;
  const auto digits = [&]() {
    const std::size_t begin = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      ++i;
    }
    return i - begin;
  };
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
    ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) {
      return false;
    }
  } else {
    if (digits() == 0) {
      return false;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      digits();
    }
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) {
      ++i;
    }
    if (digits() == 0) {
      return false;
    }
  }
  return i == s.size();
}

}  // namespace

ScalarType resolve_plain(std::string_view s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    return ScalarType::null;
  }
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    return ScalarType::boolean;
  }
  if (matches_core_int(s)) {
    return ScalarType::integer;
  }
  if (matches_core_float(s)) {
    return ScalarType::floating;
  }
  return ScalarType::string;
}

}  // namespace mentorctl
