#pragma once
// The generator's small vocabulary: categories, market questions, event titles, trader
// names and slugs. Made-up names, realistic shapes ("Will Bitcoin close above $120,000 on
// November 3?").
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "sim/scenario/scenario_random.hpp"

namespace polycopy::sim {

const std::vector<std::string>& scenario_categories();  // politics, sports, crypto, ...

// The question of a standalone binary market of a category, about a date near end.
std::string binary_question(std::string_view category, core::Timestamp end, SeededRandom& random);

// A neg-risk event: its title and one question per member market, all distinct.
struct EventText {
  std::string title;
  std::vector<std::string> questions;
};
// count <= 6 (the largest neg-risk event the generator makes).
EventText event_text(std::string_view category, std::size_t count, core::Timestamp end,
                     SeededRandom& random);

std::string trader_name(SeededRandom& random);  // "Frosty-Lemur"

// Lower case letters and digits joined by single dashes, as Gamma slugs are.
std::string slugify(std::string_view text);

}  // namespace polycopy::sim
