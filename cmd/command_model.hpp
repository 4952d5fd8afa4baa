// The command line as data: every command, option and argument the CLI11 apps of the
// command table declare, read from the apps themselves so that completion scripts and the
// option listing the man page test reads cannot disagree with what the parser accepts.
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mentorctl::cli {

/// What a shell may offer as the value of an option or argument.
enum class ValueKind {
  text,       // anything: nothing to offer
  file,       // a file name
  directory,  // a folder name
  choice,     // one of `choices`
  id,         // an id of the records repository, of the kind `id_kind`
};

struct ValueModel {
  ValueKind kind = ValueKind::text;
  std::string name;                  // as the help shows it: FORMAT, ID, DIR
  std::vector<std::string> choices;  // kind == choice
  std::string id_kind;               // kind == id: mentor, mentee, person, program or level
};

struct OptionModel {
  std::vector<std::string> names;  // as written: "-o", "--output"
  std::string description;
  bool takes_value = false;  // false: a flag
  bool repeatable = false;
  bool hidden = false;  // left out of --help (and so of completions and man pages)
  ValueModel value;
};

struct PositionalModel {
  std::string name;  // PERSON, DIR
  std::string description;
  bool many = false;  // takes every remaining argument
  ValueModel value;
};

struct CommandModel {
  std::vector<std::string> path;  // empty: mentorctl itself; {"report", "hours"}
  std::string summary;
  std::vector<OptionModel> options;  // this command's own (the global ones are the root's)
  std::vector<PositionalModel> positionals;
  std::vector<std::string> subcommands;  // the names of the commands one level below
};

/// `app` and every subcommand below it, each command before its subcommands, in the
/// order they were added. Hidden options are included (marked); help flags are not.
std::vector<CommandModel> command_model(CLI::App& app);

/// The id kind shells complete for an option or argument named `name` ("--mentor",
/// "MENTEE"), or "" when its values are not ids.
std::string id_kind_of(const std::string& name);

/// The kinds of id `mentorctl completion --ids KIND` lists.
const std::vector<std::string>& id_kinds();

}  // namespace mentorctl::cli
