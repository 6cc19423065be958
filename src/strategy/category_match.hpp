#pragma once
// The strategy's `categories` filter (domain.md: "the market's category tag when present,
// else a keyword match on the title"). The project's definition:
//
// * Tagged market (non-empty tag): it is in exactly that category. The tag is compared with
//   each strategy category ignoring ASCII case; no keyword fallback.
// * Untagged market: the title is cut into words (runs of ASCII letters and digits; bytes of
//   UTF-8 characters count as letters, so "Pokémon" stays one word) and each word is looked
//   up, ignoring case, in the keyword table of the known categories below (single words;
//   "Super Bowl" is found by "bowl"). A title may land in several categories.
// * A strategy category that is not a known one ("weather", "pop culture") matches an
//   untagged title containing its name as whole words, ignoring case.
// * An empty category list accepts every market.
//
// Known categories and a sample of their keywords (the full table is in category_match.cpp):
//   politics    election, senate, president, governor, trump, parliament, referendum …
//   sports      nfl, nba, ufc, fifa, olympics, championship, playoffs, vs, bowl …
//   crypto      bitcoin, btc, ethereum, eth, solana, xrp, stablecoin, coinbase …
//   economics   fed, fomc, inflation, cpi, gdp, recession, tariffs, unemployment …
//   culture     oscars, grammys, album, movie, netflix, spotify, youtube, tweets …
//   tech        ai, openai, chatgpt, nvidia, apple, google, spacex, tesla …
//   geopolitics ukraine, russia, israel, gaza, iran, taiwan, nato, ceasefire …
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace polycopy::strategy {

enum class KnownCategory : std::uint8_t {
  politics,
  sports,
  crypto,
  economics,
  culture,
  tech,
  geopolitics
};

// One bit per KnownCategory (bit i = category i).
using CategoryMask = std::uint32_t;

inline constexpr CategoryMask mask_of(KnownCategory category) {
  return CategoryMask{1} << static_cast<unsigned>(category);
}

// "Politics", "politics" -> politics; other names -> nullopt.
std::optional<KnownCategory> known_category(std::string_view name);

// The known categories whose keywords appear in the title; allocation-free.
CategoryMask title_categories(std::string_view title);

// True when `phrase` (lower-case) occurs in `text` as whole words, ignoring ASCII case.
bool contains_words(std::string_view text, std::string_view phrase);

// A strategy's category list made ready once, so matching a market allocates nothing.
class CategoryFilter {
 public:
  CategoryFilter() = default;  // accepts every market
  explicit CategoryFilter(const std::vector<std::string>& categories);

  bool accepts_all() const { return names_.empty(); }
  bool matches(const std::optional<std::string>& tag, std::string_view title) const;

 private:
  std::vector<std::string> names_;        // lower-cased, compared with a tag
  CategoryMask known_ = 0;                // the names that have a keyword table
  std::vector<std::string> other_names_;  // the others, lower-cased, found as title words
};

}  // namespace polycopy::strategy
