#include "sim/scenario/scenario_words.hpp"

#include <date/date.h>

#include <array>

namespace polycopy::sim {
namespace {

const std::vector<std::string> kPeople = {"Alex Moreno",  "Dana Whitfield",  "Priya Natarajan",
                                          "Tom Becker",   "Maria Lindqvist", "Omar Haddad",
                                          "Grace Okafor", "Luis Ferreira"};
const std::vector<std::string> kOffices = {"2026 Ohio Senate",       "2026 Arizona governor",
                                           "Chicago mayoral",        "2026 Georgia Senate",
                                           "Texas attorney general", "2026 Michigan governor"};
const std::vector<std::string> kTeams = {"Lakers",  "Celtics", "Warriors", "Bucks",
                                         "Nuggets", "Knicks",  "Heat",     "Suns"};
const std::vector<std::string> kLeagues = {"2027 NBA Finals", "2026-27 NBA Cup",
                                           "2027 NBA Summer League"};
const std::vector<std::string> kTitles = {
    "Midnight Harbor", "The Glass Orchard", "Paper Comets",          "Northern Drift",
    "Second Sunrise",  "Echo Valley",       "The Last Cartographer", "Velvet Static"};
const std::vector<std::string> kAwards = {"Best Picture at the 2027 Oscars",
                                          "Album of the Year at the 2027 Grammys",
                                          "the 2026 Booker Prize"};
const std::vector<std::string> kAdjectives = {"Swift",  "Quiet",  "Lucky",  "Bold",
                                              "Frosty", "Sunny",  "Clever", "Rapid",
                                              "Golden", "Silent", "Brave",  "Mellow"};
const std::vector<std::string> kAnimals = {"Falcon", "Otter",  "Lemur", "Badger", "Heron", "Lynx",
                                           "Panda",  "Marten", "Koala", "Raven",  "Gecko", "Bison"};

struct Coin {
  std::string name;
  std::int64_t base;  // lowest price level asked about, USD
  std::int64_t step;  // between two levels
};
const std::vector<Coin> kCoins = {{"Bitcoin", 80'000, 5'000},
                                  {"Ethereum", 2'000, 250},
                                  {"Solana", 100, 10},
                                  {"XRP", 1, 1},
                                  {"Dogecoin", 1, 1}};

struct Indicator {
  std::string name;
  std::int64_t base_tenths;  // lowest percentage asked about, in tenths
};
const std::vector<Indicator> kIndicators = {
    {"US CPI inflation", 20}, {"US unemployment", 38}, {"Euro area inflation", 15}};

const std::array<const char*, 12> kMonths = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};

date::year_month_day calendar_day(core::Timestamp at) {
  return date::year_month_day{std::chrono::floor<date::days>(at)};
}

std::string day_text(core::Timestamp at) {  // "November 3"
  const auto day = calendar_day(at);
  return std::string(kMonths[static_cast<unsigned>(day.month()) - 1]) + " " +
         std::to_string(static_cast<unsigned>(day.day()));
}

std::string month_text(core::Timestamp at) {  // "November 2026"
  const auto day = calendar_day(at);
  return std::string(kMonths[static_cast<unsigned>(day.month()) - 1]) + " " +
         std::to_string(static_cast<int>(day.year()));
}

std::string dollars(std::int64_t amount) {  // "$120,000"
  const std::string digits = std::to_string(amount);
  std::string out = "$";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string percent(std::int64_t tenths) {  // "2.7%"
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

// A coin and a price level as it is quoted (Dogecoin in cents).
std::string coin_level(const Coin& coin, std::int64_t index) {
  if (coin.name == "Dogecoin") return "$0." + std::to_string(10 + 5 * index);
  return dollars(coin.base + coin.step * index);
}

}  // namespace

const std::vector<std::string>& scenario_categories() {
  static const std::vector<std::string> categories = {"politics", "sports", "crypto", "economics",
                                                      "culture"};
  return categories;
}

std::string binary_question(std::string_view category, core::Timestamp end, SeededRandom& random) {
  if (category == "politics") {
    return "Will " + random.pick(kPeople) + " win the " + random.pick(kOffices) + " election?";
  }
  if (category == "sports") {
    const auto teams = random.distinct(kTeams.size(), 2);
    return "Will the " + kTeams[teams[0]] + " beat the " + kTeams[teams[1]] + " on " +
           day_text(end) + "?";
  }
  if (category == "crypto") {
    const auto& coin = random.pick(kCoins);
    return "Will " + coin.name + " close above " + coin_level(coin, random.between(0, 15)) +
           " on " + day_text(end) + "?";
  }
  if (category == "economics") {
    const auto& indicator = random.pick(kIndicators);
    return "Will " + indicator.name + " be above " +
           percent(indicator.base_tenths + random.between(0, 10)) + " for " + month_text(end) + "?";
  }
  return "Will " + random.pick(kTitles) + " gross over " +
         dollars(1'000'000 * (20 + 10 * random.between(0, 13))) + " on its opening weekend?";
}

EventText event_text(std::string_view category, std::size_t count, core::Timestamp end,
                     SeededRandom& random) {
  EventText text;
  if (category == "politics") {
    const auto& office = random.pick(kOffices);
    text.title = "Who will win the " + office + " election?";
    for (auto person : random.distinct(kPeople.size(), count)) {
      text.questions.push_back("Will " + kPeople[person] + " win the " + office + " election?");
    }
  } else if (category == "sports") {
    const auto& league = random.pick(kLeagues);
    text.title = "Who will win the " + league + "?";
    for (auto team : random.distinct(kTeams.size(), count)) {
      text.questions.push_back("Will the " + kTeams[team] + " win the " + league + "?");
    }
  } else if (category == "crypto") {
    const auto& coin = random.pick(kCoins);
    text.title = "What price will " + coin.name + " hit by " + day_text(end) + "?";
    const auto first = random.between(0, 8);
    for (std::size_t i = 0; i < count; ++i) {
      text.questions.push_back("Will " + coin.name + " reach " +
                               coin_level(coin, first + static_cast<std::int64_t>(i)) + " by " +
                               day_text(end) + "?");
    }
  } else if (category == "economics") {
    const auto& indicator = random.pick(kIndicators);
    text.title = "What will " + indicator.name + " be for " + month_text(end) + "?";
    for (std::size_t i = 0; i < count; ++i) {
      text.questions.push_back("Will " + indicator.name + " be " +
                               percent(indicator.base_tenths + static_cast<std::int64_t>(i)) +
                               " for " + month_text(end) + "?");
    }
  } else {
    const auto& award = random.pick(kAwards);
    text.title = "Who will win " + award + "?";
    for (auto title : random.distinct(kTitles.size(), count)) {
      text.questions.push_back("Will " + kTitles[title] + " win " + award + "?");
    }
  }
  return text;
}

std::string trader_name(SeededRandom& random) {
  return random.pick(kAdjectives) + "-" + random.pick(kAnimals);
}

std::string slugify(std::string_view text) {
  std::string slug;
  for (const char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      slug += c;
    } else if (c >= 'A' && c <= 'Z') {
      slug += static_cast<char>(c - 'A' + 'a');
    } else if (c == ',' || c == '\'') {
      continue;  // "$120,000" -> "120000"
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

}  // namespace polycopy::sim
