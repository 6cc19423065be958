#include "engine/wallet_funds_check.hpp"

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

namespace polycopy::engine {
namespace {

using store::HealthStatus;
using Steady = std::chrono::steady_clock;

constexpr std::string_view kComponent = "wallet_funds";

store::HealthCheckRecord make(std::string component, HealthStatus status, std::string detail,
                              std::optional<std::int64_t> latency_ms = std::nullopt) {
  store::HealthCheckRecord check;
  check.component = std::move(component);
  check.status = status;
  check.detail = std::move(detail);
  check.latency_ms = latency_ms;
  return check;
}

// A venue amount: 6-decimal integer units (USDC/pUSD micro-units), as the venue sends them.
// An approval of 2^256-1 (or the simulator's "unlimited") is beyond any int64 amount.
struct Units {
  bool valid = false;
  bool unlimited = false;
  core::Usd amount;
};

Units parse_units(std::string_view text) {
  if (text == "unlimited") return {true, true, {}};
  if (text.empty()) return {};
  for (const char c : text)
    if (c < '0' || c > '9') return {};
  const auto first = text.find_first_not_of('0');
  if (first == std::string_view::npos) return {true, false, {}};
  const auto digits = text.substr(first);
  if (digits.size() > 19) return {true, true, {}};
  std::uint64_t value = 0;  // 19 digits fit in 64 unsigned bits
  for (const char c : digits) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  if (value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return {true, true, {}};
  return {true, false, core::Usd::from_micros(static_cast<std::int64_t>(value))};
}

std::string usd(core::Usd amount) {
  return amount.to_string() + " USD";
}

struct Allowance {
  bool unlimited = false;
  core::Usd amount;     // when not unlimited
  std::string spender;  // the contract it is approved to, as the venue names it

  bool below(core::Usd needed) const { return !unlimited && amount < needed; }
  std::string text() const { return unlimited ? "unlimited" : usd(amount); }
};

// The allowance that binds. The venue reports the funder's collateral allowance per spender:
// each exchange contract that takes collateral from it when an order matches (protocol doc
// 10.5: CTF Exchange, NegRisk CTF Exchange, NegRiskAdapter; the simulator reports one,
// "exchange"). A BUY in a plain market draws through the CTF Exchange, one in a neg-risk
// market through the NegRisk exchange; the commitments (and the next order) may be in
// either kind of market, so every reported spender has to cover them: the smallest one is the
// wallet's usable allowance. None reported counts as none approved. nullopt: an amount that
// is not one.
std::optional<Allowance> binding_allowance(const polymarket::BalanceAllowance& answer) {
  if (answer.allowances.empty()) return Allowance{false, {}, "none reported"};
  std::optional<Allowance> least;
  for (const auto& [spender, text] : answer.allowances) {
    const Units units = parse_units(text);
    if (!units.valid) return std::nullopt;
    Allowance a{units.unlimited, units.amount, spender};
    if (!least || (least->unlimited && !a.unlimited) ||
        (!least->unlimited && !a.unlimited && a.amount < least->amount))
      least = std::move(a);
  }
  return least;
}

}  // namespace

WalletFundsCheck::WalletFundsCheck(store::Store& store, WalletAccess& wallets,
                                   net::HttpClient& http, std::string clob_url,
                                   const core::Clock& clock, WalletFundsOptions options)
    : store_(store),
      wallets_(wallets),
      http_(http),
      clob_url_(std::move(clob_url)),
      clock_(clock),
      options_(options) {}

std::vector<store::HealthCheckRecord> WalletFundsCheck::run() {
  std::vector<store::HealthCheckRecord> out;
  try {
    auto wallets = store_.list_wallet_commitments();
    if (!wallets)
      return {make(std::string(kComponent), HealthStatus::failing,
                   "the wallets to check could not be read: " + wallets.error().code)};
    for (const auto& commitments : *wallets) out.push_back(check(commitments));
  } catch (const std::exception&) {
    // Not expected (money arithmetic overflow): keep what was checked and say so.
    out.push_back(make(std::string(kComponent), HealthStatus::failing, "internal_error"));
  }
  return out;
}

store::HealthCheckRecord WalletFundsCheck::check(const store::WalletCommitments& commitments) {
  const std::string component = std::string(kComponent) + ":" + commitments.wallet_id;
  const core::Usd committed = commitments.reserved;
  try {
    auto wallet = store_.find_wallet(commitments.wallet_id);
    if (!wallet)
      return make(component, HealthStatus::failing,
                  "the wallet could not be read: " + wallet.error().code);
    if (!*wallet) return make(component, HealthStatus::failing, "the wallet is not stored");
    // Only the error's code: its message could quote the venue or name stored material.
    auto identity = wallets_.trading_identity(**wallet);
    if (!identity)
      return make(component, HealthStatus::failing,
                  "no venue credentials for the wallet: " + identity.error().code);

    polymarket::ClobTradingClient venue(http_, clob_url_, std::move(*identity), &clock_);
    polymarket::BalanceAllowanceQuery query;
    query.asset_type = polymarket::AssetType::collateral;
    // Which of the EOA's wallets (itself, proxy, Safe, deposit wallet) holds the funds.
    query.signature_type = static_cast<int>((*wallet)->signature_type);
    const auto started = Steady::now();
    const auto answer = venue.balance_allowance(query);
    const auto latency =
        std::chrono::duration_cast<std::chrono::milliseconds>(Steady::now() - started).count();
    if (!answer)
      return make(component, HealthStatus::failing,
                  "the venue's balance and allowance could not be read: " + answer.error().code,
                  latency);

    const Units balance_units = parse_units(answer->balance);
    if (!balance_units.valid || balance_units.unlimited)
      return make(component, HealthStatus::failing,
                  "venue_answer_invalid: the balance is not an amount", latency);
    const core::Usd balance = balance_units.amount;
    const auto allowance = binding_allowance(*answer);
    if (!allowance)
      return make(component, HealthStatus::failing,
                  "venue_answer_invalid: an allowance is not an amount", latency);

    std::string problems;
    if (balance < committed)
      problems = "balance " + usd(balance) + " below open commitments " + usd(committed);
    if (allowance->below(committed)) {
      if (!problems.empty()) problems += "; ";
      problems += "allowance " + allowance->text() + " (" + allowance->spender +
                  ") below open commitments " + usd(committed);
    }
    if (!problems.empty()) return make(component, HealthStatus::failing, problems, latency);
    if (balance < committed + options_.margin)
      return make(component, HealthStatus::degraded,
                  "low headroom: balance " + usd(balance) + ", open commitments " + usd(committed) +
                      ", margin " + usd(options_.margin) + ", allowance " + allowance->text(),
                  latency);
    return make(component, HealthStatus::ok,
                "balance " + usd(balance) + ", allowance " + allowance->text() + ", commitments " +
                    usd(committed),
                latency);
  } catch (const std::exception&) {
    return make(component, HealthStatus::failing, "internal_error");
  }
}

}  // namespace polycopy::engine
