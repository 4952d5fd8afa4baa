// --help text that fits a terminal: descriptions and footers wrapped at spaces.
#pragma once

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

namespace mentorctl::cli {

/// CLI11's formatter with every description, subcommand summary and footer line wrapped
/// at spaces to `width` columns (continuation lines of a description stay in its column).
class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(std::size_t width);

  std::string make_option_desc(const CLI::Option* option) const override;
  std::string make_subcommand(const CLI::App* sub) const override;
  std::string make_description(const CLI::App* app) const override;
  std::string make_footer(const CLI::App* app) const override;

 private:
  std::size_t width_;
};

/// Each line of `text` wrapped at spaces to `width` columns; a wrapped line's continuation
/// is indented by `indent` spaces.
std::string wrap_lines(const std::string& text, std::size_t width, std::size_t indent = 0);

}  // namespace mentorctl::cli
