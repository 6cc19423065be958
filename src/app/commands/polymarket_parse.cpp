// `polycopy polymarket parse --kind K FILE`: prints the normalised JSON of a Polymarket
// payload, or exits 2 with {"error":{"code","message"}} on stderr. FILE "-" reads stdin.
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "app/command_context.hpp"
#include "app/commands.hpp"
#include "polymarket/parse/payload.hpp"

namespace polycopy::app {
namespace {

namespace pp = polymarket::parse;

struct ParseOptions {
  std::string kind;
  std::string file;
  bool compact = false;
};

int fail_with(const core::Error& error) {
  const nlohmann::json body = {{"error", {{"code", error.code}, {"message", error.message}}}};
  // Invalid UTF-8 from the input never reaches the message, but replace rather than throw.
  std::cerr << body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return kExitUsage;
}

std::string kind_list() {
  std::string out;
  for (const auto kind : pp::all_kinds())
    out += (out.empty() ? "" : ", ") + std::string(pp::kind_name(kind));
  return out;
}

int run_parse(const ParseOptions& options) {
  const auto kind = pp::kind_from_name(options.kind);
  if (!kind) return fail_with({"unknown_kind", "--kind must be one of: " + kind_list()});
  std::string body;
  if (options.file == "-") {
    body.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  } else {
    std::ifstream in(options.file, std::ios::binary);
    if (!in) return fail_with({"file_not_readable", "cannot read " + options.file});
    std::ostringstream buffer;
    buffer << in.rdbuf();
    body = buffer.str();
  }
  auto parsed = pp::parse_to_normalized_json(*kind, body);
  if (!parsed) return fail_with(parsed.error());
  std::cout << parsed->dump(options.compact ? -1 : 2, ' ', false,
                            nlohmann::json::error_handler_t::replace)
            << "\n";
  return kExitOk;
}

}  // namespace

void register_polymarket_parse_command(CLI::App& group, int& exit_code) {
  auto options = std::make_shared<ParseOptions>();
  auto* command =
      group.add_subcommand("parse", "parse a Polymarket API payload and print its normalised JSON");
  command->add_option("--kind", options->kind, "payload kind: " + kind_list())->required();
  command->add_option("file", options->file, "payload file, or - for standard input")->required();
  command->add_flag("--compact", options->compact, "print the JSON on one line");
  command->callback([options, &exit_code] { exit_code = run_parse(*options); });
}

}  // namespace polycopy::app
