// A value or the reason there is none: the library's one error style. Errors are values
// inside lib/; cmd/ turns them into messages and exit statuses.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace mentorctl {

/// Why an operation failed, in words a user can act on.
struct Error {
  enum class Kind : unsigned char {
    failed,
    not_found,
    too_large,
    outside  // a path that leaves its root through a link, or a link that leads nowhere
  };
  std::string message;
  Kind kind = Kind::failed;
};

/// Either a T or an E (like C++23 std::expected<T, E>). E is an Error but where a caller
/// needs more than a message: a refused write carries the records' diagnostics
/// (WriteResult in write/writer.hpp).
template <typename T, typename E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(E error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  [[nodiscard]] T& value() & { return std::get<0>(state_); }
  [[nodiscard]] const T& value() const& { return std::get<0>(state_); }
  [[nodiscard]] T&& value() && { return std::get<0>(std::move(state_)); }
  [[nodiscard]] T& operator*() & { return value(); }
  [[nodiscard]] const T& operator*() const& { return value(); }
  [[nodiscard]] T* operator->() { return &value(); }
  [[nodiscard]] const T* operator->() const { return &value(); }
  [[nodiscard]] const E& error() const { return std::get<1>(state_); }

 private:
  std::variant<T, E> state_;
};

/// Success, or an E.
template <typename E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(E error) : error_(std::move(error)), failed_(true) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  [[nodiscard]] const E& error() const { return error_; }

 private:
  E error_;
  bool failed_ = false;
};

}  // namespace mentorctl

/// Returns the error of a failed Result from the enclosing function.
#define MENTORCTL_TRY(expression)      \
  do {                                 \
    auto&& try_result_ = (expression); \
    if (!try_result_) {                \
      return try_result_.error();      \
    }                                  \
  } while (false)
