#include "engine/redeemer.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>

#include "chain/abi.hpp"
#include "chain/address.hpp"
#include "chain/hex.hpp"
#include "engine/wallet_call.hpp"
#include "polymarket/ctf/ctf_calls.hpp"
#include "polymarket/ctf/ctf_ids.hpp"

namespace polycopy::engine {
namespace {

using Wide = unsigned __int128;

// PayoutRedemption topics (protocol doc 10.4): the CTF's and the NegRiskAdapter's.
constexpr char kCtfPayoutTopic[] =
    "0x2682012a4a4f1973119f1c9b90745d1bd91fa2bab387344f044cb3586864d18d";
constexpr char kNegRiskPayoutTopic[] =
    "0x9140a6a270ef945260c03894b3c6b3b2695e9d5101feef0ff24fec960cfd3224";

std::string units(Wide value) {
  if (value == 0) return "0";
  std::string out;
  for (; value != 0; value /= 10) out.insert(out.begin(), static_cast<char>('0' + value % 10));
  return out;
}

std::optional<Wide> small(const chain::Uint256& value) {
  const auto fits = value.to_u64();
  if (!fits) return std::nullopt;
  return Wide{*fits};
}

// What the chain paid by the receipt's PayoutRedemption event, if it has one.
std::optional<Wide> paid_by(const chain::TransactionReceipt& receipt) {
  for (const auto& log : receipt.logs) {
    if (log.topics.empty()) continue;
    const std::string topic = chain::to_hex(log.topics[0]);
    // CTF data: conditionId, offset of indexSets, payout; NegRiskAdapter: offset, payout.
    const std::size_t slot = topic == kCtfPayoutTopic ? 2 : topic == kNegRiskPayoutTopic ? 1 : 9;
    if (slot == 9) continue;
    auto payout = chain::AbiDecoder(log.data).uint256(slot);
    if (!payout) continue;
    return small(*payout);
  }
  return std::nullopt;
}

}  // namespace

Redeemer::Redeemer(store::Store& store, risk::RiskManager& risk, chain::EthClient& eth,
                   ChainTxSender& sender, WalletAccess& wallets, const core::Clock& clock,
                   RedeemerOptions options)
    : store_(store),
      risk_(risk),
      eth_(eth),
      sender_(sender),
      wallets_(wallets),
      clock_(clock),
      options_(options) {}

core::Result<chain::Uint256> Redeemer::read_uint(const chain::Address& to,
                                                 const chain::Bytes& data) {
  auto result = eth_.call(chain::CallRequest{std::nullopt, to, data, std::nullopt, std::nullopt});
  if (!result) return result.error();
  return polymarket::ctf::decode_uint(*result);
}

core::Result<RedeemReport> Redeemer::run(const std::optional<std::string>& lt_strategy_id,
                                         bool dry_run) {
  auto due = store_.list_redemptions_due(lt_strategy_id, clock_.now());
  if (!due) return due.error();
  // One call redeems all the wallet holds of a condition: one group per (wallet, condition).
  std::vector<std::vector<store::RedemptionDue>> groups;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  for (auto& item : *due) {
    const auto key = std::pair{item.record.wallet_id.value_or(""), item.record.condition_id};
    const auto [at, added] = index.emplace(key, groups.size());
    if (added) groups.emplace_back();
    groups[at->second].push_back(std::move(item));
  }
  RedeemReport report;
  for (const auto& group : groups) {
    report.groups.push_back(redeem_group(group, dry_run));
    const auto& done = report.groups.back();
    if (done.outcome == "failed" || done.code)
      report.problems.push_back("redemption of " + done.condition_id + " from wallet " +
                                done.wallet_id + ": " + done.code.value_or("failed") + ": " +
                                done.message.value_or(""));
  }
  return report;
}

RedemptionGroupReport Redeemer::redeem_group(const std::vector<store::RedemptionDue>& group,
                                             bool dry_run) {
  RedemptionGroupReport out;
  out.wallet_id = group.front().record.wallet_id.value_or("");
  out.condition_id = group.front().record.condition_id;
  Wide expected = 0;
  for (const auto& item : group) {
    out.redemption_ids.push_back(item.record.id);
    expected += static_cast<Wide>(item.record.expected.micros());
  }
  out.expected_units = units(expected);
  const auto now = clock_.now();
  const auto wait = [&](const std::string& code, const std::string& message) {
    out.outcome = "waiting";
    out.code = code;
    out.message = message;
    if (!dry_run)
      (void)store_.note_redemption_problem(out.redemption_ids, code + ": " + message, now);
    return out;
  };

  auto wallet = store_.find_wallet(out.wallet_id);
  if (!wallet) return wait(wallet.error().code, wallet.error().message);
  if (!*wallet) return wait("wallet_missing", "no wallet '" + out.wallet_id + "'");
  // The positions are the signer's, or its Safe's (which makes the call for it).
  const auto holder = positions_holder(**wallet);
  if (!holder) return wait(holder.error().code, holder.error().message);
  auto key = wallets_.signing_key(**wallet);
  if (!key) return wait(key.error().code, key.error().message);
  const std::string purpose = "redeem:" + out.wallet_id + ":" + out.condition_id;

  // Already sent: follow its transaction. Records still pending beside a live transaction
  // were left by a crash between the send and their update: they are its records.
  if (!dry_run) {
    auto live = store_.find_live_chain_transaction(purpose);
    if (!live) return wait(live.error().code, live.error().message);
    if (*live) {
      if (auto marked =
              store_.mark_redemptions_submitted(out.redemption_ids, (*live)->tx_hash, now);
          !marked)
        return wait(marked.error().code, marked.error().message);
      auto advanced = sender_.advance((*live)->id, *key);
      if (!advanced) return wait(advanced.error().code, advanced.error().message);
      finish(out, group, *advanced);
      return out;
    }
  }

  auto market = store_.get_market(out.condition_id);
  if (!market) return wait(market.error().code, market.error().message);
  if (!*market) return wait("market_missing", "the market is not stored");
  const bool neg_risk = (*market)->market.neg_risk;
  const auto condition = chain::parse_bytes32(out.condition_id);
  if (!condition) return wait("invalid_condition_id", condition.error().message);
  const auto denominator =
      read_uint(options_.conditional_tokens, polymarket::ctf::payout_denominator_call(*condition));
  if (!denominator) return wait(denominator.error().code, denominator.error().message);
  if (denominator->is_zero())
    return wait("condition_unresolved", "the condition has no payouts on chain yet");
  const chain::Address& owner = *holder;
  const chain::Address& collateral = neg_risk ? options_.neg_risk_collateral : options_.collateral;
  std::vector<chain::Uint256> balances;
  Wide payout = 0;
  for (std::uint64_t outcome = 0; outcome < 2; ++outcome) {
    const auto numerator = read_uint(options_.conditional_tokens,
                                     polymarket::ctf::payout_numerators_call(*condition, outcome));
    if (!numerator) return wait(numerator.error().code, numerator.error().message);
    const auto id = polymarket::ctf::position_id(
        collateral, polymarket::ctf::collection_id(*condition, std::uint64_t{1} << outcome));
    const auto balance =
        read_uint(options_.conditional_tokens, polymarket::ctf::erc1155_balance_call(owner, id));
    if (!balance) return wait(balance.error().code, balance.error().message);
    const auto b = small(*balance), n = small(*numerator), d = small(*denominator);
    if (!b || !n || !d) return wait("amount_too_large", "a balance or payout is over 64 bits");
    payout += *b * *n / *d;  // per index set, as the contract divides
    balances.push_back(*balance);
  }
  out.payout_units = units(payout);
  if (balances[0].is_zero() && balances[1].is_zero())
    return wait("no_tokens_held", "the wallet holds none of this condition's positions");

  // Who redeems: the CTF itself, or an adapter that moves the positions as the holder's
  // approved operator (the NegRiskAdapter; the pUSD collateral adapter when configured).
  const bool via_collateral_adapter = !neg_risk && options_.collateral_adapter.has_value();
  const chain::Address to = neg_risk                 ? options_.neg_risk_adapter
                            : via_collateral_adapter ? *options_.collateral_adapter
                                                     : options_.conditional_tokens;
  if (to != options_.conditional_tokens) {
    const auto approved = read_uint(options_.conditional_tokens,
                                    polymarket::ctf::is_approved_for_all_call(owner, to));
    if (!approved) return wait(approved.error().code, approved.error().message);
    if (approved->is_zero())
      return wait("adapter_not_approved",
                  "the holder has not approved the " +
                      std::string(neg_risk ? "NegRiskAdapter " : "collateral adapter ") +
                      chain::to_checksum_address(to) +
                      " as an operator of its positions (setApprovalForAll on the "
                      "ConditionalTokens contract, as Polymarket's trading set-up does)");
  }
  // A call to an address without code "succeeds" and redeems nothing: a wrong address in
  // the configuration must not look like a redemption.
  const auto code = eth_.code(to);
  if (!code) return wait(code.error().code, code.error().message);
  if (code->empty())
    return wait("no_contract_code", "no contract at " + chain::to_checksum_address(to) +
                                        " on this chain: check the [chain] addresses");
  // The collateral adapter's call mirrors the CTF's with pUSD as the collateral (protocol
  // doc 10.4, unverified: configurable, off by default).
  const chain::Bytes data =
      neg_risk ? polymarket::ctf::neg_risk_redeem_call(*condition, balances)
      : via_collateral_adapter
          ? polymarket::ctf::redeem_positions_call(options_.pusd, *condition, {1, 2})
          : polymarket::ctf::redeem_positions_call(collateral, *condition, {1, 2});
  const auto outgoing = call_from_wallet(eth_, options_.chain_id, owner, *key, to, data);
  if (!outgoing) return wait(outgoing.error().code, outgoing.error().message);
  if (dry_run) {
    out.outcome = "dry_run";
    auto simulated = eth_.call(chain::CallRequest{key->address(), outgoing->to, outgoing->data,
                                                  std::nullopt, std::nullopt});
    if (!simulated) {
      out.code = simulated.error().code;
      out.message = simulated.error().message;
    }
    return out;
  }
  auto tx = sender_.submit(purpose, outgoing->to, outgoing->data, *key);
  if (!tx) return wait(tx.error().code, tx.error().message);
  if (auto marked = store_.mark_redemptions_submitted(out.redemption_ids, tx->tx_hash, now);
      !marked)
    return wait(marked.error().code, marked.error().message);
  auto advanced = sender_.advance(tx->id, *key);
  finish(out, group, advanced ? *advanced : *tx);
  return out;
}

void Redeemer::finish(RedemptionGroupReport& out, const std::vector<store::RedemptionDue>& group,
                      const store::ChainTransaction& tx) {
  out.tx_hash = tx.tx_hash;
  if (tx.state == store::ChainTxState::failed) {
    out.outcome = "failed";
    out.code = "transaction_reverted";
    out.message = tx.error.value_or("reverted");
    fail(out, group);
    return;
  }
  if (tx.state != store::ChainTxState::confirmed) {
    out.outcome = "submitted";
    return;
  }
  auto receipt = eth_.transaction_receipt(chain::parse_bytes32(tx.tx_hash).value());
  if (!receipt || !*receipt) {
    out.outcome = "submitted";  // read again on the next pass
    return;
  }
  const auto paid = paid_by(**receipt);
  if (!paid) {
    // Mined without a PayoutRedemption event: nothing says what was paid, nothing is booked.
    out.outcome = "submitted";
    out.code = "payout_unknown";
    out.message = "transaction " + tx.tx_hash + " was mined without a PayoutRedemption event";
    return;
  }
  out.outcome = "confirmed";
  book_payout(out, group, *paid);
}

void Redeemer::fail(RedemptionGroupReport& out, const std::vector<store::RedemptionDue>& group) {
  const auto now = clock_.now();
  // Records are submitted together, so they share their count of attempts.
  std::int64_t attempts = 0;
  for (const auto& item : group)
    attempts =
        std::max(attempts, item.record.attempts +
                               (item.record.state == store::RedemptionState::submitted ? 0 : 1));
  std::optional<core::Timestamp> retry_at;
  std::string message = *out.message;
  if (attempts < options_.max_attempts) {
    const auto delay =
        options_.retry_after * (std::int64_t{1} << std::clamp<std::int64_t>(attempts - 1, 0, 20));
    retry_at = now + delay;
    message += " (attempt " + std::to_string(attempts) + " of " +
               std::to_string(options_.max_attempts) + ", tried again in " +
               std::to_string(delay.count()) + " s)";
  } else {
    message += " (attempt " + std::to_string(attempts) + " of " +
               std::to_string(options_.max_attempts) +
               ": no retry left; polycopy redeem --retry-failed makes it due again)";
  }
  out.message = message;
  std::vector<std::string> ids;
  for (const auto& item : group) ids.push_back(item.record.id);
  if (auto failed = store_.fail_redemptions(ids, message, retry_at, now); !failed)
    spdlog::error("redemption of {}: {}", out.condition_id, failed.error().to_string());
}

void Redeemer::book_payout(RedemptionGroupReport& out,
                           const std::vector<store::RedemptionDue>& group, Wide paid) {
  out.payout_units = units(paid);
  // Each record's part of what was paid: its expected amount when the totals agree, else in
  // proportion (the last takes the rounding). The risk manager books each part.
  Wide expected = 0;
  for (const auto& item : group) expected += static_cast<Wide>(item.record.expected.micros());
  if (paid != expected) {
    out.code = "payout_mismatch";
    out.message =
        "the chain paid " + units(paid) + " units, the positions expected " + units(expected);
    spdlog::warn("redemption of {} from wallet {}: {}", out.condition_id, out.wallet_id,
                 *out.message);
  }
  Wide given = 0;
  for (std::size_t i = 0; i < group.size(); ++i) {
    const Wide own = static_cast<Wide>(group[i].record.expected.micros());
    Wide part = expected == 0 ? paid / group.size() : own * paid / expected;
    if (i + 1 == group.size()) part = paid - given;
    given += part;
    risk::RedemptionPaidEvent event;
    event.redemption_id = group[i].record.id;
    event.paid = core::Usd::from_micros(static_cast<std::int64_t>(part));
    if (auto booked = risk_.record_redemption_paid(group[i].lt_strategy_id, event); !booked) {
      out.outcome = "submitted";  // confirmed on chain; booked on the next pass
      out.code = booked.error().code;
      out.message = "redemption " + group[i].record.id + " not booked: " + booked.error().message;
    }
  }
}

}  // namespace polycopy::engine
