// Loading scenario files: format by extension, unreadable files, syntax errors, defaults.
#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "sim/scenario/scenario_file.hpp"
#include "sim/scenario/scenario_generator.hpp"
#include "sim/scenario/scenario_json.hpp"

namespace polycopy::sim {
namespace {

namespace fs = std::filesystem;

class ScenarioFile : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("polycopy-scenario-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  fs::path dir_;
};

constexpr const char* kMinimalJson = R"({
  "start": "2026-11-01T00:00:00Z",
  "markets": [{
    "gamma_id": "7", "question": "Will it rain?", "end_date": "2026-11-02T00:00:00Z",
    "condition_id": "0x00000000000000000000000000000000000000000000000000000000000000aa",
    "outcomes": [{"name": "Yes", "token_id": "1", "price": "0.5"},
                 {"name": "No", "token_id": "2", "price": "0.5"}]
  }]
})";

constexpr const char* kMinimalToml = R"(
start = 2026-11-01T00:00:00Z
[[markets]]
gamma_id = "7"
question = "Will it rain?"
end_date = 2026-11-02T00:00:00Z
condition_id = "0x00000000000000000000000000000000000000000000000000000000000000aa"
outcomes = [{ name = "Yes", token_id = "1", price = "0.5" },
            { name = "No", token_id = "2", price = "0.5" }]
)";

TEST_F(ScenarioFile, LoadsJsonWithDefaults) {
  const auto scenario = load_scenario_file(write("small.json", kMinimalJson));
  ASSERT_TRUE(scenario.ok()) << scenario.error().to_string();
  EXPECT_EQ(scenario->seed, 1u);
  EXPECT_EQ(scenario->speed, 1.0);
  EXPECT_EQ(scenario->server_version, 2);
  EXPECT_EQ(scenario->default_balance.micros(), 10'000'000'000);
  EXPECT_EQ(scenario->default_allowance.micros(), 10'000'000'000);
  ASSERT_EQ(scenario->markets.size(), 1u);
  const auto& market = scenario->markets[0];
  EXPECT_EQ(market.tick, polymarket::TickSize::t0_01);
  EXPECT_EQ(market.min_order_size.micros(), 5'000'000);
  EXPECT_EQ(market.order_version, 2);
  EXPECT_FALSE(market.neg_risk);
  EXPECT_TRUE(market.outcomes[0].bids.empty());
  EXPECT_TRUE(scenario->trades.empty());
}

TEST_F(ScenarioFile, LoadsTomlByExtensionInAnyCase) {
  const auto from_toml = load_scenario_file(write("small.TOML", kMinimalToml));
  ASSERT_TRUE(from_toml.ok()) << from_toml.error().to_string();
  EXPECT_EQ(from_toml->markets[0].question, "Will it rain?");
  EXPECT_EQ(from_toml->markets[0].outcomes[1].token_id, chain::Uint256(2));
  EXPECT_EQ(core::to_unix_ms(from_toml->start), 1'793'491'200'000);
}

TEST_F(ScenarioFile, RefusesOtherExtensions) {
  const auto result = load_scenario_file(write("small.yaml", kMinimalJson));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "unsupported_scenario_format");
  EXPECT_EQ(load_scenario_file(write("noext", kMinimalJson)).error().code,
            "unsupported_scenario_format");
}

TEST_F(ScenarioFile, MissingFileOrDirectoryIsUnreadable) {
  EXPECT_EQ(load_scenario_file(dir_ / "absent.json").error().code, "scenario_unreadable");
  fs::create_directories(dir_ / "folder.toml");
  EXPECT_EQ(load_scenario_file(dir_ / "folder.toml").error().code, "scenario_unreadable");
}

TEST_F(ScenarioFile, SyntaxErrorsAreInvalidScenarios) {
  const auto json_result = load_scenario_file(write("broken.json", "{\"start\": "));
  ASSERT_FALSE(json_result.ok());
  EXPECT_EQ(json_result.error().code, "invalid_scenario");
  EXPECT_NE(json_result.error().message.find("not valid JSON"), std::string::npos);

  const auto toml_result = load_scenario_file(write("broken.toml", "start = \n[[markets"));
  ASSERT_FALSE(toml_result.ok());
  EXPECT_EQ(toml_result.error().code, "invalid_scenario");
  EXPECT_NE(toml_result.error().message.find("not valid TOML at line 1"), std::string::npos)
      << toml_result.error().message;
}

TEST_F(ScenarioFile, ProblemsCarryTheirPathsInTomlToo) {
  // Top-level keys go before the first table header (after it they would belong to it).
  const auto result = parse_scenario_toml("speed = -1\nextra = 1\n" + std::string(kMinimalToml) +
                                          "colour = \"red\"\n");
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().message.find("speed: must be a finite number >= 0"), std::string::npos);
  EXPECT_NE(result.error().message.find("extra: unknown key"), std::string::npos);
  EXPECT_NE(result.error().message.find("markets[0].colour: unknown key"), std::string::npos);
}

TEST_F(ScenarioFile, LargeSeedsAsStrings) {
  // TOML integers stop at 2^63 - 1; a uint64 seed can be written as a string.
  std::string toml = kMinimalToml;
  toml.insert(0, "seed = \"18446744073709551615\"\n");
  const auto result = parse_scenario_toml(toml);
  ASSERT_TRUE(result.ok()) << result.error().to_string();
  EXPECT_EQ(result->seed, 18446744073709551615u);
}

TEST_F(ScenarioFile, SavedScenarioLoadsBack) {
  const auto scenario = generate_scenario(
      GeneratorOptions{.seed = 11, .traders = 4, .markets = 12, .history = std::chrono::hours(72)});
  const auto path = dir_ / "generated.json";
  ASSERT_TRUE(save_scenario_file(path, scenario).ok());
  const auto loaded = load_scenario_file(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().to_string();
  EXPECT_EQ(write_scenario_json(*loaded), write_scenario_json(scenario));

  EXPECT_EQ(save_scenario_file(dir_ / "generated.toml", scenario).error().code,
            "unsupported_scenario_format");
  EXPECT_EQ(save_scenario_file(dir_ / "no-such-dir" / "x.json", scenario).error().code,
            "scenario_unwritable");
}

}  // namespace
}  // namespace polycopy::sim
