// Events and markets: neg-risk groups of 3-6 markets or standalone binary markets, each with
// a seeded winner, a price, a book of up to 5 levels a side, and an end date that places it
// before the start (closed), in the horizon (resolved by the timeline) or after it.
#include <algorithm>
#include <array>
#include <set>

#include "chain/address.hpp"
#include "chain/keccak.hpp"
#include "sim/scenario/scenario_generate_parts.hpp"
#include "sim/scenario/scenario_random.hpp"
#include "sim/scenario/scenario_words.hpp"

namespace polycopy::sim {
namespace {

using std::chrono::minutes;

constexpr std::int64_t kOne = core::kMicrosPerUnit;
constexpr std::size_t kLevelsPerSide = 5;
// The oracles that prepare Polymarket conditions (protocol doc section 10): the UMA adapter
// for standalone markets, the NegRiskAdapter for neg-risk ones.
constexpr std::string_view kUmaAdapter = "0x2f5e3684cb1f318ec51b00edba38d79ac2c0aa9d";
constexpr std::string_view kNegRiskAdapter = "0xd91e80cf2e7be2e162c6513ced06f1dd0da35296";

// Whole hours after (or before) the start, as most Gamma end dates are, when the window
// allows; minutes otherwise.
core::Timestamp pick_end_date(const GeneratorOptions& options, SeededRandom& random) {
  const auto history =
      std::max<std::int64_t>(0, std::chrono::floor<minutes>(options.history).count());
  const auto horizon =
      std::max<std::int64_t>(0, std::chrono::floor<minutes>(options.horizon).count());
  // A whole number of hours in [1 minute, limit minutes], or of minutes when limit < 1 hour.
  auto offset_up_to = [&](std::int64_t limit) {
    return limit >= 60 ? 60 * random.between(1, limit / 60) : random.between(1, limit);
  };
  const auto roll = random.below(100);
  std::int64_t offset = 0;
  if (roll < 30 && history >= 2) {
    offset = -offset_up_to(history - 1);  // resolved before the start
  } else if (roll < 70 && horizon >= 1) {
    offset = offset_up_to(horizon);  // resolves during the horizon
  } else {
    offset = horizon + 60 * random.between(24, 60 * 24);  // still open at the end
  }
  return options.start + minutes(offset);
}

polymarket::TickSize pick_tick(SeededRandom& random) {
  const auto roll = random.below(100);
  if (roll < 80) return polymarket::TickSize::t0_01;
  if (roll < 92) return polymarket::TickSize::t0_001;
  return polymarket::TickSize::t0_1;
}

// Nearest multiple of tick inside [tick, 1 - tick].
std::int64_t on_tick(std::int64_t micros, std::int64_t tick) {
  const auto rounded = (micros + tick / 2) / tick * tick;
  return std::clamp(rounded, tick, kOne - tick);
}

core::Price price_of(std::int64_t micros) {
  return core::Price::from_micros(micros).value();
}

chain::Bytes32 random_bytes32(SeededRandom& random) {
  chain::Bytes32 out;
  for (std::size_t i = 0; i < out.size(); i += 8) {
    const auto word = random.next();
    for (std::size_t b = 0; b < 8; ++b)
      out.bytes[i + b] = static_cast<std::uint8_t>(word >> (8 * b));
  }
  return out;
}

// keccak256(abi.encodePacked(oracle, questionId, uint256(2))), as the CTF derives it.
chain::Bytes32 condition_id_of(std::string_view oracle, const chain::Bytes32& question_id) {
  const auto oracle_address = chain::parse_address(oracle).value();
  const chain::Uint256 outcome_slots(2);
  const chain::ByteView parts[] = {oracle_address.view(), question_id.view(),
                                   outcome_slots.word().view()};
  return chain::keccak256_concat(parts);
}

// A 256-bit id, like the CTF's position ids, derived from the condition and the index set.
chain::Uint256 token_id_of(const chain::Bytes32& condition_id, int outcome) {
  const std::uint8_t index_set = static_cast<std::uint8_t>(1 << outcome);
  const chain::ByteView parts[] = {condition_id.view(), chain::ByteView(&index_set, 1)};
  return chain::Uint256::from_word(chain::keccak256_concat(parts));
}

// The book of outcome 0 around its price; outcome 1's book is its mirror (a No bid at p is
// a Yes ask at 1 - p), as on Polymarket where both books meet through minting and merging.
void make_books(ScenarioMarket& market, std::int64_t yes_price, SeededRandom& random) {
  const auto tick = polymarket::tick_price(market.tick).micros();
  const auto best_bid = std::clamp(yes_price - tick * random.between(0, 1), tick, kOne - 2 * tick);
  const auto best_ask = std::min(best_bid + tick * random.between(1, 3), kOne - tick);
  auto& yes = market.outcomes[0];
  auto& no = market.outcomes[1];
  auto size = [&] { return core::Shares::from_micros(random.between(50, 5000) * kOne); };
  for (auto price = best_bid; price >= tick && yes.bids.size() < kLevelsPerSide;
       price -= tick * random.between(1, 2)) {
    yes.bids.push_back({price_of(price), size()});
  }
  for (auto price = best_ask; price <= kOne - tick && yes.asks.size() < kLevelsPerSide;
       price += tick * random.between(1, 2)) {
    yes.asks.push_back({price_of(price), size()});
  }
  for (const auto& level : yes.asks)
    no.bids.push_back({price_of(kOne - level.price.micros()), level.size});
  for (const auto& level : yes.bids)
    no.asks.push_back({price_of(kOne - level.price.micros()), level.size});
}

class MarketFactory {
 public:
  MarketFactory(const GeneratorOptions& options, GeneratedMarkets& out)
      : options_(options), random_(SeededRandom::stream(options.seed, kMarketsStream)), out_(out) {
    next_gamma_id_ = 500'000 + static_cast<std::int64_t>(random_.below(400'000));
    next_event_id_ = 20'000 + static_cast<std::int64_t>(random_.below(10'000));
  }

  void make(int count) {
    int remaining = std::max(0, count);
    while (remaining > 0) {
      if (remaining >= 3 && random_.chance(250'000)) {
        const auto members = static_cast<int>(random_.between(3, std::min(6, remaining)));
        make_neg_risk_event(members);
        remaining -= members;
      } else {
        make_standalone();
        remaining -= 1;
      }
    }
    std::stable_sort(out_.resolutions.begin(), out_.resolutions.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
  }

 private:
  void make_standalone() {
    const auto& category = random_.pick(scenario_categories());
    const auto end = pick_end_date(options_, random_);
    const auto tick = pick_tick(random_);
    auto& event = add_event(binary_question(category, end, random_), false);
    const auto yes =
        on_tick(random_.between(30'000, 970'000), polymarket::tick_price(tick).micros());
    const int winner = random_.chance(yes) ? 0 : 1;  // calibrated: Yes at 0.7 wins 70 %
    add_market(event, event.title, category, tick, end, yes, winner);
  }

  void make_neg_risk_event(int members) {
    const auto& category = random_.pick(scenario_categories());
    const auto end = pick_end_date(options_, random_);
    const auto tick = pick_tick(random_);
    const auto text = event_text(category, static_cast<std::size_t>(members), end, random_);
    auto& event = add_event(text.title, true);
    // Weights with one favourite; prices and the winner follow them.
    std::vector<std::int64_t> weights;
    for (int i = 0; i < members; ++i) weights.push_back(random_.between(1, 20));
    weights[random_.below(weights.size())] += random_.between(10, 40);
    std::int64_t total = 0;
    for (auto w : weights) total += w;
    auto draw = static_cast<std::int64_t>(random_.below(static_cast<std::uint64_t>(total)));
    std::size_t winner_member = 0;
    while (draw >= weights[winner_member]) draw -= weights[winner_member++];
    const auto tick_micros = polymarket::tick_price(tick).micros();
    for (std::size_t i = 0; i < weights.size(); ++i) {
      add_market(event, text.questions[i], category, tick, end,
                 on_tick(weights[i] * kOne / total, tick_micros), i == winner_member ? 0 : 1);
    }
  }

  ScenarioEvent& add_event(const std::string& title, bool neg_risk) {
    ScenarioEvent event;
    event.id = std::to_string(next_event_id_);
    next_event_id_ += random_.between(1, 20);
    event.title = title;
    event.slug = unique_slug(event_slugs_, slugify(title), event.id);
    event.neg_risk = neg_risk;
    out_.events.push_back(std::move(event));
    return out_.events.back();
  }

  void add_market(const ScenarioEvent& event, const std::string& question,
                  const std::string& category, polymarket::TickSize tick, core::Timestamp end,
                  std::int64_t yes_price, int winner) {
    ScenarioMarket market;
    market.gamma_id = std::to_string(next_gamma_id_);
    next_gamma_id_ += random_.between(1, 40);
    do {
      market.question_id = random_bytes32(random_);
      market.condition_id =
          condition_id_of(event.neg_risk ? kNegRiskAdapter : kUmaAdapter, market.question_id);
    } while (!condition_ids_.insert(market.condition_id).second);
    market.question = question;
    market.slug = unique_slug(market_slugs_, slugify(question), market.gamma_id);
    market.category = category;
    market.event_id = event.id;
    market.tick = tick;
    market.neg_risk = event.neg_risk;
    market.end_date = end;
    const std::array<const char*, 2> names = {"Yes", "No"};
    for (int k = 0; k < 2; ++k) {
      auto& outcome = market.outcomes[static_cast<std::size_t>(k)];
      outcome.name = names[static_cast<std::size_t>(k)];
      outcome.token_id = token_id_of(market.condition_id, k);
      outcome.price = price_of(k == 0 ? yes_price : kOne - yes_price);
    }
    if (end < options_.start) {
      // Resolved before the start: Gamma shows 1 / 0 and the books are gone.
      market.closed = true;
      market.winner = winner;
      market.outcomes[0].price = price_of(winner == 0 ? kOne : 0);
      market.outcomes[1].price = price_of(winner == 1 ? kOne : 0);
    } else {
      make_books(market, yes_price, random_);
      if (end <= options_.start + options_.horizon) {
        out_.resolutions.push_back({end, market.condition_id, winner});
      }
    }
    out_.markets.push_back(std::move(market));
    out_.plans.push_back({winner, price_of(yes_price)});
  }

  static std::string unique_slug(std::set<std::string>& taken, std::string slug,
                                 const std::string& id) {
    if (taken.contains(slug)) slug += "-" + id;
    taken.insert(slug);
    return slug;
  }

  const GeneratorOptions& options_;
  SeededRandom random_;
  GeneratedMarkets& out_;
  std::int64_t next_gamma_id_ = 0;
  std::int64_t next_event_id_ = 0;
  std::set<std::string> event_slugs_;
  std::set<std::string> market_slugs_;
  std::set<chain::Bytes32> condition_ids_;
};

}  // namespace

GeneratedMarkets generate_markets(const GeneratorOptions& options) {
  GeneratedMarkets out;
  MarketFactory(options, out).make(options.markets);
  return out;
}

}  // namespace polycopy::sim
