#include "command_model.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <utility>

namespace mentorctl::cli {
namespace {

// The values a CLI::IsMember check accepts, which CLI11 describes as "{a,b,c}". An
// inactive one (init's --template, whose library check words the error better) still
// names them.
std::vector<std::string> choices_of(CLI::Option& option) {
  for (int index = 0;; ++index) {
    CLI::Validator validator;
    try {
      validator = *option.get_validator(index);
    } catch (const CLI::OptionNotFound&) {
      return {};
    }
    validator.active(true);
    const std::string description = validator.get_description();
    if (description.size() < 2 || description.front() != '{' || description.back() != '}') {
      continue;
    }
    std::vector<std::string> choices;
    std::string inner = description.substr(1, description.size() - 2);
    std::size_t start = 0;
    while (start <= inner.size()) {
      const std::size_t comma = std::min(inner.find(',', start), inner.size());
      choices.push_back(inner.substr(start, comma - start));
      start = comma + 1;
    }
    return choices;
  }
}

ValueModel value_of(CLI::Option& option, const std::string& name) {
  ValueModel value;
  value.name = option.get_option_text().empty() ? name : option.get_option_text();
  value.choices = choices_of(option);
  value.id_kind = id_kind_of(name);
  if (!value.choices.empty()) {
    value.kind = ValueKind::choice;
  } else if (!value.id_kind.empty()) {
    value.kind = ValueKind::id;
  } else if (value.name == "FILE") {
    value.kind = ValueKind::file;
  } else if (value.name == "DIR") {
    value.kind = ValueKind::directory;
  }
  return value;
}

void walk(CLI::App& app, std::vector<std::string> path, std::vector<CommandModel>& model) {
  CommandModel command;
  command.path = path;
  command.summary = app.get_description();
  const CLI::Option* help = app.get_help_ptr();
  for (CLI::Option* option : app.get_options()) {
    if (option == help) {
      continue;
    }
    if (!option->nonpositional()) {
      PositionalModel positional;
      positional.name = option->get_name();
      positional.description = option->get_description();
      positional.many = option->get_expected_max() > 1;
      positional.value = value_of(*option, positional.name);
      command.positionals.push_back(std::move(positional));
      continue;
    }
    OptionModel entry;
    for (const auto& name : option->get_snames()) {
      entry.names.push_back("-" + name);
    }
    for (const auto& name : option->get_lnames()) {
      entry.names.push_back("--" + name);
    }
    entry.description = option->get_description();
    entry.takes_value = option->get_items_expected_max() > 0;
    entry.repeatable = entry.takes_value && option->get_expected_max() > 1;
    entry.hidden = option->get_group().empty();
    entry.value = entry.takes_value ? value_of(*option, entry.names.back()) : ValueModel{};
    command.options.push_back(std::move(entry));
  }
  const auto subcommands = app.get_subcommands([](CLI::App*) { return true; });
  for (const CLI::App* sub : subcommands) {
    command.subcommands.push_back(sub->get_name());
  }
  model.push_back(std::move(command));
  for (CLI::App* sub : subcommands) {
    std::vector<std::string> below = path;
    below.push_back(sub->get_name());
    walk(*sub, std::move(below), model);
  }
}

}  // namespace

std::vector<CommandModel> command_model(CLI::App& app) {
  std::vector<CommandModel> model;
  walk(app, {}, model);
  return model;
}

std::string id_kind_of(const std::string& name) {
  // Options and arguments that name a record, by the name every command gives them.
  static const std::vector<std::pair<std::string, std::string>> kinds = {
      {"--mentor", "mentor"}, {"--mentee", "mentee"},        {"--program", "program"},
      {"--level", "level"},   {"--observer", "person"},      {"--by", "person"},
      {"--person", "person"}, {"--signed-off-by", "person"}, {"--explain", "mentee"},
      {"MENTOR", "mentor"},   {"MENTEE", "mentee"},          {"PERSON", "person"},
  };
  for (const auto& [option, kind] : kinds) {
    if (option == name) {
      return kind;
    }
  }
  return {};
}

const std::vector<std::string>& id_kinds() {
  static const std::vector<std::string> kinds = {"mentor", "mentee", "person", "program", "level"};
  return kinds;
}

}  // namespace mentorctl::cli
