// --help text that fits a terminal: descriptions and footers wrapped at spaces.
#include "help_format.hpp"

#include "util/utf8.hpp"

#include <cctype>
#include <sstream>

namespace mentorctl::cli {

std::string wrap_lines(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    out += first ? "" : "\n";
    first = false;
    const std::size_t lead = line.find_first_not_of(' ');
    if (lead == std::string::npos || display_width(line) <= width) {
      out += line;
      continue;
    }
    const std::string margin(lead, ' ');
    const std::size_t room = width > lead + indent + 20 ? width - lead - indent : 20;
    bool continued = false;
    for (const std::string& part : wrap_words(std::string_view(line).substr(lead), room)) {
      out += continued ? "\n" + margin + std::string(indent, ' ') + part : margin + part;
      continued = true;
    }
  }
  if (!text.empty() && text.back() == '\n') {
    out += '\n';
  }
  return out;
}

HelpFormatter::HelpFormatter(std::size_t width) : width_(width) {}

std::string HelpFormatter::make_option_desc(const CLI::Option* option) const {
  const std::size_t column = get_column_width();
  return wrap_lines(CLI::Formatter::make_option_desc(option), width_ > column + 20 ? width_ - column : 20);
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
  std::stringstream out;
  const std::size_t column = get_column_width();
  CLI::detail::format_help(out, sub->get_display_name(true),
                           wrap_lines(sub->get_description(), width_ > column + 20 ? width_ - column : 20),
                           column);
  return out.str();
}

std::string HelpFormatter::make_description(const CLI::App* app) const {
  return wrap_lines(CLI::Formatter::make_description(app), width_);
}

std::string HelpFormatter::make_footer(const CLI::App* app) const {
  // A footer line that starts in the first column with a lower-case letter, a digit or '('
  // continues the sentence above it (the footers are written as sentences); join them
  // before wrapping, so a break made for another width does not show.
  std::string joined;
  std::istringstream in(CLI::Formatter::make_footer(app));
  std::string line;
  bool previous_plain = false;
  while (std::getline(in, line)) {
    const bool continues = previous_plain && !line.empty() &&
                           (std::islower(static_cast<unsigned char>(line[0])) != 0 ||
                            std::isdigit(static_cast<unsigned char>(line[0])) != 0 || line[0] == '(');
    joined += continues ? " " + line : (joined.empty() ? "" : "\n") + line;
    previous_plain = !line.empty() && line[0] != ' ';
  }
  return wrap_lines(joined, width_, 2) + "\n";
}

}  // namespace mentorctl::cli
