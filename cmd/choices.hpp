// Options that take one of a few words, typed: the option holds an enum, never a string
// the action compares.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <utility>
#include <vector>

namespace mentorctl::cli {

/// The formats of `--format`; each command accepts some of them.
enum class OutputFormat : unsigned char { text, json, csv, junit, github, sarif };

/// The word `--format` takes for `format`.
inline const char* format_name(OutputFormat format) {
  switch (format) {
    case OutputFormat::text:
      return "text";
    case OutputFormat::json:
      return "json";
    case OutputFormat::csv:
      return "csv";
    case OutputFormat::junit:
      return "junit";
    case OutputFormat::github:
      return "github";
    case OutputFormat::sarif:
      return "sarif";
  }
  return "text";
}

/// Adds an option `name` whose value is one of `choices`' words, stored in `value` as the
/// enum beside it. CLI11's IsMember check comes first: a bad word is refused with the list
/// of allowed ones ("--format: nope not in {text,json}"), and command_model.cpp reads the
/// same list for the completion scripts and the man page test; a Transformer then turns the
/// word into the enum.
template <typename Enum>
CLI::Option* add_choice(CLI::App& app, const std::string& name, Enum& value, const std::string& description,
                        const std::vector<std::pair<std::string, Enum>>& choices) {
  std::vector<std::string> words;
  for (const auto& choice : choices) {
    words.push_back(choice.first);
  }
  // transform() puts a validator first: the mapping is added before the check so that it
  // runs after it. No description of its own: the type stays "TEXT:{a,b}" in CLI11's errors.
  return app.add_option(name, value, description)
      ->type_name("TEXT")
      ->transform(CLI::Transformer(choices).description(""))
      ->transform(CLI::IsMember(words));
}

/// `--format FORMAT`, taking the words of `formats` in that order.
inline CLI::Option* add_format_option(CLI::App& app, OutputFormat& value, const std::vector<OutputFormat>& formats,
                                      const std::string& description) {
  std::vector<std::pair<std::string, OutputFormat>> choices;
  for (const OutputFormat format : formats) {
    choices.emplace_back(format_name(format), format);
  }
  return add_choice(app, "--format", value, description, choices)->option_text("FORMAT");
}

}  // namespace mentorctl::cli
