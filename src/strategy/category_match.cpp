#include "strategy/category_match.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace polycopy::strategy {
namespace {

using enum KnownCategory;

struct Keyword {
  std::string_view word;  // lower-case, one word
  KnownCategory category;
};

constexpr bool word_less(const Keyword& a, const Keyword& b) {
  return a.word < b.word;
}

// Sorted at compile time so the title lookup is a binary search; a word belongs to one
// category only (checked below).
constexpr auto kKeywords = [] {
  std::array table{
      // politics
      Keyword{"ballot", politics},
      Keyword{"biden", politics},
      Keyword{"cabinet", politics},
      Keyword{"congress", politics},
      Keyword{"congressional", politics},
      Keyword{"democrat", politics},
      Keyword{"democratic", politics},
      Keyword{"democrats", politics},
      Keyword{"election", politics},
      Keyword{"elections", politics},
      Keyword{"electoral", politics},
      Keyword{"gop", politics},
      Keyword{"governor", politics},
      Keyword{"harris", politics},
      Keyword{"impeach", politics},
      Keyword{"impeached", politics},
      Keyword{"impeachment", politics},
      Keyword{"mayor", politics},
      Keyword{"midterm", politics},
      Keyword{"midterms", politics},
      Keyword{"minister", politics},
      Keyword{"nominee", politics},
      Keyword{"parliament", politics},
      Keyword{"parliamentary", politics},
      Keyword{"president", politics},
      Keyword{"presidential", politics},
      Keyword{"primary", politics},
      Keyword{"referendum", politics},
      Keyword{"republican", politics},
      Keyword{"republicans", politics},
      Keyword{"senate", politics},
      Keyword{"senator", politics},
      Keyword{"trump", politics},
      Keyword{"vance", politics},
      Keyword{"vote", politics},
      Keyword{"votes", politics},
      // sports
      Keyword{"atp", sports},
      Keyword{"baseball", sports},
      Keyword{"basketball", sports},
      Keyword{"bowl", sports},
      Keyword{"boxing", sports},
      Keyword{"champions", sports},
      Keyword{"championship", sports},
      Keyword{"cricket", sports},
      Keyword{"f1", sports},
      Keyword{"fifa", sports},
      Keyword{"football", sports},
      Keyword{"golf", sports},
      Keyword{"hockey", sports},
      Keyword{"mlb", sports},
      Keyword{"mls", sports},
      Keyword{"mvp", sports},
      Keyword{"nascar", sports},
      Keyword{"nba", sports},
      Keyword{"ncaa", sports},
      Keyword{"nfl", sports},
      Keyword{"nhl", sports},
      Keyword{"olympic", sports},
      Keyword{"olympics", sports},
      Keyword{"pga", sports},
      Keyword{"playoff", sports},
      Keyword{"playoffs", sports},
      Keyword{"rugby", sports},
      Keyword{"soccer", sports},
      Keyword{"tennis", sports},
      Keyword{"touchdown", sports},
      Keyword{"touchdowns", sports},
      Keyword{"ufc", sports},
      Keyword{"uefa", sports},
      Keyword{"vs", sports},
      Keyword{"wimbledon", sports},
      Keyword{"wnba", sports},
      // crypto
      Keyword{"airdrop", crypto},
      Keyword{"altcoin", crypto},
      Keyword{"binance", crypto},
      Keyword{"bitcoin", crypto},
      Keyword{"blockchain", crypto},
      Keyword{"btc", crypto},
      Keyword{"coinbase", crypto},
      Keyword{"crypto", crypto},
      Keyword{"cryptocurrency", crypto},
      Keyword{"defi", crypto},
      Keyword{"dogecoin", crypto},
      Keyword{"eth", crypto},
      Keyword{"ethereum", crypto},
      Keyword{"memecoin", crypto},
      Keyword{"nft", crypto},
      Keyword{"nfts", crypto},
      Keyword{"satoshi", crypto},
      Keyword{"sol", crypto},
      Keyword{"solana", crypto},
      Keyword{"stablecoin", crypto},
      Keyword{"tether", crypto},
      Keyword{"usdc", crypto},
      Keyword{"usdt", crypto},
      Keyword{"xrp", crypto},
      // economics
      Keyword{"cpi", economics},
      Keyword{"earnings", economics},
      Keyword{"economic", economics},
      Keyword{"economy", economics},
      Keyword{"fed", economics},
      Keyword{"fomc", economics},
      Keyword{"gdp", economics},
      Keyword{"inflation", economics},
      Keyword{"interest", economics},
      Keyword{"ipo", economics},
      Keyword{"jobless", economics},
      Keyword{"nasdaq", economics},
      Keyword{"payrolls", economics},
      Keyword{"powell", economics},
      Keyword{"recession", economics},
      Keyword{"stock", economics},
      Keyword{"stocks", economics},
      Keyword{"tariff", economics},
      Keyword{"tariffs", economics},
      Keyword{"treasury", economics},
      Keyword{"unemployment", economics},
      Keyword{"yield", economics},
      Keyword{"yields", economics},
      // culture
      Keyword{"album", culture},
      Keyword{"billboard", culture},
      Keyword{"celebrity", culture},
      Keyword{"emmy", culture},
      Keyword{"emmys", culture},
      Keyword{"eurovision", culture},
      Keyword{"film", culture},
      Keyword{"grammy", culture},
      Keyword{"grammys", culture},
      Keyword{"kardashian", culture},
      Keyword{"movie", culture},
      Keyword{"movies", culture},
      Keyword{"mrbeast", culture},
      Keyword{"netflix", culture},
      Keyword{"oscar", culture},
      Keyword{"oscars", culture},
      Keyword{"song", culture},
      Keyword{"spotify", culture},
      Keyword{"tiktok", culture},
      Keyword{"tweet", culture},
      Keyword{"tweets", culture},
      Keyword{"youtube", culture},
      // tech
      Keyword{"ai", tech},
      Keyword{"anthropic", tech},
      Keyword{"apple", tech},
      Keyword{"chatgpt", tech},
      Keyword{"google", tech},
      Keyword{"gpt", tech},
      Keyword{"iphone", tech},
      Keyword{"microsoft", tech},
      Keyword{"nvidia", tech},
      Keyword{"openai", tech},
      Keyword{"spacex", tech},
      Keyword{"starship", tech},
      Keyword{"tesla", tech},
      // geopolitics
      Keyword{"ceasefire", geopolitics},
      Keyword{"china", geopolitics},
      Keyword{"gaza", geopolitics},
      Keyword{"hamas", geopolitics},
      Keyword{"hezbollah", geopolitics},
      Keyword{"invade", geopolitics},
      Keyword{"invasion", geopolitics},
      Keyword{"iran", geopolitics},
      Keyword{"israel", geopolitics},
      Keyword{"military", geopolitics},
      Keyword{"missile", geopolitics},
      Keyword{"nato", geopolitics},
      Keyword{"nuclear", geopolitics},
      Keyword{"putin", geopolitics},
      Keyword{"russia", geopolitics},
      Keyword{"sanctions", geopolitics},
      Keyword{"taiwan", geopolitics},
      Keyword{"ukraine", geopolitics},
      Keyword{"war", geopolitics},
      Keyword{"zelensky", geopolitics},
  };
  std::sort(table.begin(), table.end(), word_less);
  return table;
}();

static_assert(std::adjacent_find(kKeywords.begin(), kKeywords.end(),
                                 [](const Keyword& a, const Keyword& b) {
                                   return a.word == b.word;
                                 }) == kKeywords.end(),
              "a keyword belongs to one category");

constexpr std::size_t kLongestKeyword =
    std::max_element(kKeywords.begin(), kKeywords.end(), [](const Keyword& a, const Keyword& b) {
      return a.word.size() < b.word.size();
    })->word.size();

constexpr std::array<std::string_view, 7> kCategoryNames{
    "politics", "sports", "crypto", "economics", "culture", "tech", "geopolitics"};

constexpr char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// Letters, digits and every byte of a UTF-8 multi-byte character.
constexpr bool is_word_byte(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b >= 0x80;
}

bool equals_ignoring_case(std::string_view a, std::string_view lower_b) {
  if (a.size() != lower_b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower_b[i]) return false;
  return true;
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

CategoryMask keyword_category(std::string_view lower_word) {
  const auto at = std::lower_bound(kKeywords.begin(), kKeywords.end(),
                                   Keyword{lower_word, politics}, word_less);
  return at != kKeywords.end() && at->word == lower_word ? mask_of(at->category) : 0;
}

}  // namespace

std::optional<KnownCategory> known_category(std::string_view name) {
  for (std::size_t i = 0; i < kCategoryNames.size(); ++i)
    if (equals_ignoring_case(name, kCategoryNames[i])) return static_cast<KnownCategory>(i);
  return std::nullopt;
}

CategoryMask title_categories(std::string_view title) {
  CategoryMask found = 0;
  std::array<char, kLongestKeyword> word{};
  std::size_t i = 0;
  while (i < title.size()) {
    while (i < title.size() && !is_word_byte(title[i])) ++i;
    const std::size_t start = i;
    while (i < title.size() && is_word_byte(title[i])) ++i;
    const std::size_t length = i - start;
    if (length == 0 || length > word.size()) continue;  // too long to be a keyword
    for (std::size_t k = 0; k < length; ++k) word[k] = lower(title[start + k]);
    found |= keyword_category(std::string_view(word.data(), length));
  }
  return found;
}

bool contains_words(std::string_view text, std::string_view phrase) {
  if (phrase.empty() || phrase.size() > text.size()) return false;
  for (std::size_t at = 0; at + phrase.size() <= text.size(); ++at) {
    if (at > 0 && is_word_byte(text[at - 1])) continue;  // must start a word
    const std::size_t end = at + phrase.size();
    if (end < text.size() && is_word_byte(text[end])) continue;  // must end a word
    if (equals_ignoring_case(text.substr(at, phrase.size()), phrase)) return true;
  }
  return false;
}

CategoryFilter::CategoryFilter(const std::vector<std::string>& categories) {
  for (const std::string& category : categories) {
    std::string name = to_lower(category);
    if (const auto known = known_category(name))
      known_ |= mask_of(*known);
    else
      other_names_.push_back(name);
    names_.push_back(std::move(name));
  }
}

bool CategoryFilter::matches(const std::optional<std::string>& tag, std::string_view title) const {
  if (names_.empty()) return true;
  if (tag && !tag->empty())
    return std::any_of(names_.begin(), names_.end(),
                       [&](const std::string& name) { return equals_ignoring_case(*tag, name); });
  if ((title_categories(title) & known_) != 0) return true;
  return std::any_of(other_names_.begin(), other_names_.end(),
                     [&](const std::string& name) { return contains_words(title, name); });
}

}  // namespace polycopy::strategy
