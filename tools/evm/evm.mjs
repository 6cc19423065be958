#!/usr/bin/env node
// Local EVM harness: ganache on loopback with the Gnosis ConditionalTokens contract and an
// ERC-20 collateral, plus the few calls a redemption test needs. JSON on stdout, diagnostics
// on stderr. See README.md.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import ganache from "ganache";
import { encodeFunctionData, getAddress } from "viem";
import {
  COLLATERAL,
  COLLATERAL_DECIMALS,
  CONDITIONAL_TOKENS,
  SAFE_FALLBACK_HANDLER,
  SAFE_PROXY_FACTORY,
  SAFE_SINGLETON,
  UsageError,
  ZERO_BYTES32,
  clients,
  collateralBalance,
  conditionIdOf,
  deployContract,
  deploymentPath,
  eventsOf,
  log,
  need,
  packageVersion,
  parseAddress,
  parseArgs,
  parseBytes32,
  parseUint,
  positions,
  print,
  readCtf,
  readDeployment,
  runMain,
  send,
  walletByIndex,
  writeDeployment,
} from "./lib.mjs";

const USAGE = `usage:
  node evm.mjs up --port P --state DIR [--chain-id 137] [--wallets 5] [--exit-on-eof]
  node evm.mjs info --state DIR
  node evm.mjs prepare --state DIR --question-id 0x<32 bytes> [--outcomes 2]
  node evm.mjs split --state DIR --wallet N --condition 0x<32 bytes> --amount UNITS
  node evm.mjs report --state DIR --question-id 0x<32 bytes> --payouts 1,0
  node evm.mjs balances --state DIR (--wallet N | --address 0x..) --condition 0x<32 bytes>
  node evm.mjs redeem-js --state DIR --wallet N --condition 0x<32 bytes>
  node evm.mjs mint --state DIR (--wallet N | --address 0x..) --amount UNITS
  node evm.mjs transfer --state DIR --wallet N (--to M | --to-address 0x..) --condition 0x<32 bytes> --outcome I --amount UNITS
  node evm.mjs safe-create --state DIR --owner N
  node evm.mjs approve --state DIR --wallet N --operator 0x.. [--revoke]`;

// ---------------------------------------------------------------------------------------------
// up: ganache in the foreground until SIGTERM / SIGINT.

async function up(argv) {
  const args = parseArgs(argv, ["port", "state", "chain-id", "wallets"], ["exit-on-eof"]);
  const port = Number(parseUint(need(args, "port"), "--port"));
  if (port < 1 || port > 65535) throw new UsageError(`--port ${port} out of range`);
  const dir = path.resolve(need(args, "state"));
  const chainId = Number(parseUint(args["chain-id"] ?? "137", "--chain-id"));
  if (chainId < 1 || !Number.isSafeInteger(chainId)) throw new UsageError("--chain-id must be a positive integer");
  const walletCount = Number(parseUint(args.wallets ?? "5", "--wallets"));
  if (walletCount < 1 || walletCount > 50) throw new UsageError("--wallets must be 1..50");

  const t0 = Date.now();
  mkdirSync(dir, { recursive: true });
  rmSync(deploymentPath(dir), { force: true }); // a stale file must never look like "ready"

  const host = "127.0.0.1";
  const server = ganache.server({
    chain: { chainId, networkId: chainId, hardfork: "shanghai" },
    // The fixed test mnemonic of ganache's --deterministic mode: the same keys every run.
    wallet: { deterministic: true, totalAccounts: 2 + walletCount, defaultBalance: 1000 },
    miner: { instamine: "eager" },
    logging: { quiet: true },
  });

  let closing = false;
  const shutdown = async (signal) => {
    if (closing) return;
    closing = true;
    log(`evm: ${signal}, stopping`);
    try {
      await server.close();
    } catch {
      // already closed
    }
    process.exit(0);
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  if (args["exit-on-eof"]) {
    // For a parent that may die without killing us: it holds our stdin open while it lives.
    process.stdin.on("end", () => shutdown("end of stdin"));
    process.stdin.on("error", () => shutdown("stdin error"));
    process.stdin.resume();
  }

  try {
    await server.listen(port, host);
  } catch (err) {
    throw new Error(`cannot listen on ${host}:${port}: ${err.message}`);
  }
  const rpcUrl = `http://${host}:${port}`;

  const initial = server.provider.getInitialAccounts();
  const keys = Object.entries(initial).map(([address, a]) => ({ address, private_key: a.secretKey }));
  // Deploy over the HTTP endpoint itself (also faster than ganache's in-process provider).
  const deploying = {
    rpc_url: rpcUrl,
    chain_id: chainId,
  };
  const { publicClient, walletFor } = clients(deploying);
  const deployerKey = keys[0].private_key;
  const deployer = walletFor(deployerKey);
  log(`evm: listening on ${rpcUrl} after ${Date.now() - t0} ms, deploying`);
  const ctfReceipt = await deployContract(publicClient, deployer, CONDITIONAL_TOKENS);
  const colReceipt = await deployContract(publicClient, deployer, COLLATERAL);
  const safeReceipt = await deployContract(publicClient, deployer, SAFE_SINGLETON);
  const factoryReceipt = await deployContract(publicClient, deployer, SAFE_PROXY_FACTORY);
  const handlerReceipt = await deployContract(publicClient, deployer, SAFE_FALLBACK_HANDLER);
  log(`evm: contracts deployed after ${Date.now() - t0} ms`);

  const checksum = (k) => ({ address: walletFor(k.private_key).account.address, private_key: k.private_key });
  const deployment = {
    rpc_url: rpcUrl,
    chain_id: chainId,
    conditional_tokens: ctfReceipt.contractAddress,
    collateral: colReceipt.contractAddress,
    collateral_decimals: COLLATERAL_DECIMALS,
    safe_singleton: safeReceipt.contractAddress,
    safe_proxy_factory: factoryReceipt.contractAddress,
    safe_fallback_handler: handlerReceipt.contractAddress,
    deployer: checksum(keys[0]),
    oracle: checksum(keys[1]),
    wallets: keys.slice(2).map(checksum),
    versions: {
      ganache: packageVersion("ganache"),
      "@gnosis.pm/conditional-tokens-contracts": packageVersion("@gnosis.pm/conditional-tokens-contracts"),
      "openzeppelin-solidity": packageVersion("openzeppelin-solidity"),
      "@gnosis.pm/safe-contracts": packageVersion("@gnosis.pm/safe-contracts"),
      viem: packageVersion("viem"),
    },
  };

  const res = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
  const body = await res.json();
  if (Number(BigInt(body.result)) !== chainId) throw new Error(`eth_chainId over HTTP gave ${body.result}, want ${chainId}`);

  writeDeployment(dir, deployment);
  print(deployment);
  log(`evm: ready on ${rpcUrl} (chain ${chainId}) in ${Date.now() - t0} ms; state ${deploymentPath(dir)}`);
  // ganache's HTTP server keeps the event loop alive until a signal arrives.
}

// ---------------------------------------------------------------------------------------------

function setup(args) {
  const deployment = readDeployment(path.resolve(need(args, "state")));
  return { deployment, ...clients(deployment) };
}

function holderOf(args, deployment) {
  if (args.wallet !== undefined && args.address !== undefined) throw new UsageError("give --wallet or --address, not both");
  if (args.address !== undefined) return parseAddress(args.address, "--address");
  if (args.wallet !== undefined) return walletByIndex(deployment, args.wallet).address;
  throw new UsageError("missing --wallet N (or --address 0x..)");
}

async function info(argv) {
  const args = parseArgs(argv, ["state"]);
  print(readDeployment(path.resolve(need(args, "state"))));
}

async function prepare(argv) {
  const args = parseArgs(argv, ["state", "question-id", "outcomes"]);
  const { deployment, publicClient, walletFor } = setup(args);
  const questionId = parseBytes32(need(args, "question-id"), "--question-id");
  const outcomes = parseUint(args.outcomes ?? "2", "--outcomes");
  if (outcomes < 2n || outcomes > 256n) throw new UsageError("--outcomes must be 2..256");
  const oracle = deployment.oracle.address;

  const receipt = await send(publicClient, walletFor(deployment.oracle.private_key), {
    address: deployment.conditional_tokens,
    abi: CONDITIONAL_TOKENS.abi,
    functionName: "prepareCondition",
    args: [oracle, questionId, outcomes],
  });
  const computed = conditionIdOf(oracle, questionId, outcomes);
  const onChain = await readCtf(publicClient, deployment, "getConditionId", [oracle, questionId, outcomes]);
  if (onChain.toLowerCase() !== computed) throw new Error(`condition id mismatch: computed ${computed}, contract ${onChain}`);
  const slots = await readCtf(publicClient, deployment, "getOutcomeSlotCount", [computed]);
  if (slots !== outcomes) throw new Error(`getOutcomeSlotCount(${computed}) = ${slots}, want ${outcomes}`);
  print({
    condition_id: computed,
    tx_hash: receipt.transactionHash,
    oracle,
    question_id: questionId,
    outcome_slot_count: slots,
  });
}

async function mintTo(publicClient, deployment, walletFor, to, amount) {
  return send(publicClient, walletFor(deployment.deployer.private_key), {
    address: deployment.collateral,
    abi: COLLATERAL.abi,
    functionName: "mint",
    args: [to, amount],
  });
}

async function mint(argv) {
  const args = parseArgs(argv, ["state", "wallet", "address", "amount"]);
  const { deployment, publicClient, walletFor } = setup(args);
  const to = holderOf(args, deployment);
  const amount = parseUint(need(args, "amount"), "--amount");
  const receipt = await mintTo(publicClient, deployment, walletFor, to, amount);
  print({
    tx_hash: receipt.transactionHash,
    address: to,
    collateral_balance: await collateralBalance(publicClient, deployment, to),
  });
}

async function split(argv) {
  const args = parseArgs(argv, ["state", "wallet", "condition", "amount"]);
  const { deployment, publicClient, walletFor } = setup(args);
  const w = walletByIndex(deployment, need(args, "wallet"));
  const conditionId = parseBytes32(need(args, "condition"), "--condition");
  const amount = parseUint(need(args, "amount"), "--amount");
  if (amount === 0n) throw new UsageError("--amount must be > 0");
  const slots = await readCtf(publicClient, deployment, "getOutcomeSlotCount", [conditionId]);
  if (slots === 0n) throw new Error(`condition ${conditionId} is not prepared`);
  const partition = [];
  for (let i = 0n; i < slots; i++) partition.push(1n << i);

  const wallet = walletFor(w.private_key);
  await mintTo(publicClient, deployment, walletFor, w.address, amount);
  await send(publicClient, wallet, {
    address: deployment.collateral,
    abi: COLLATERAL.abi,
    functionName: "approve",
    args: [deployment.conditional_tokens, amount],
  });
  const receipt = await send(publicClient, wallet, {
    address: deployment.conditional_tokens,
    abi: CONDITIONAL_TOKENS.abi,
    functionName: "splitPosition",
    args: [deployment.collateral, ZERO_BYTES32, conditionId, partition, amount],
  });
  const p = await positions(publicClient, deployment, w.address, conditionId);
  print({
    tx_hash: receipt.transactionHash,
    address: w.address,
    index_sets: p.indexSets,
    position_ids: p.positionIds,
    balances: p.balances,
    collateral_balance: await collateralBalance(publicClient, deployment, w.address),
  });
}

async function report(argv) {
  const args = parseArgs(argv, ["state", "question-id", "payouts"]);
  const { deployment, publicClient, walletFor } = setup(args);
  const questionId = parseBytes32(need(args, "question-id"), "--question-id");
  const payouts = need(args, "payouts")
    .split(",")
    .map((s) => parseUint(s.trim(), "--payouts entry"));
  if (payouts.length < 2) throw new UsageError("--payouts needs one numerator per outcome, e.g. 1,0");
  const receipt = await send(publicClient, walletFor(deployment.oracle.private_key), {
    address: deployment.conditional_tokens,
    abi: CONDITIONAL_TOKENS.abi,
    functionName: "reportPayouts",
    args: [questionId, payouts],
  });
  const conditionId = conditionIdOf(deployment.oracle.address, questionId, payouts.length);
  const denominator = await readCtf(publicClient, deployment, "payoutDenominator", [conditionId]);
  const numerators = [];
  for (let i = 0; i < payouts.length; i++) {
    numerators.push(await readCtf(publicClient, deployment, "payoutNumerators", [conditionId, BigInt(i)]));
  }
  print({
    tx_hash: receipt.transactionHash,
    condition_id: conditionId,
    payout_denominator: denominator,
    payout_numerators: numerators,
  });
}

async function balances(argv) {
  const args = parseArgs(argv, ["state", "wallet", "address", "condition"]);
  const { deployment, publicClient } = setup(args);
  const holder = holderOf(args, deployment);
  const conditionId = parseBytes32(need(args, "condition"), "--condition");
  const p = await positions(publicClient, deployment, holder, conditionId);
  print({
    address: holder,
    collateral_balance: await collateralBalance(publicClient, deployment, holder),
    index_sets: p.indexSets,
    collection_ids: p.collectionIds,
    position_ids: p.positionIds,
    balances: p.balances,
    payout_denominator: await readCtf(publicClient, deployment, "payoutDenominator", [conditionId]),
  });
}

// Moves `amount` of one outcome position from wallet N to wallet M (ERC-1155 safeTransferFrom).
async function transfer(argv) {
  const args = parseArgs(argv, ["state", "wallet", "to", "to-address", "condition", "outcome", "amount"]);
  const { deployment, publicClient, walletFor } = setup(args);
  const from = walletByIndex(deployment, need(args, "wallet"));
  if ((args.to === undefined) === (args["to-address"] === undefined)) throw new UsageError("give exactly one of --to, --to-address");
  const to = args.to !== undefined ? walletByIndex(deployment, args.to) : { address: parseAddress(args["to-address"], "--to-address") };
  const conditionId = parseBytes32(need(args, "condition"), "--condition");
  const outcome = Number(parseUint(need(args, "outcome"), "--outcome"));
  const amount = parseUint(need(args, "amount"), "--amount");
  const before = await positions(publicClient, deployment, from.address, conditionId);
  if (outcome >= before.positionIds.length) throw new UsageError(`--outcome ${outcome} out of range`);
  const receipt = await send(publicClient, walletFor(from.private_key), {
    address: deployment.conditional_tokens,
    abi: CONDITIONAL_TOKENS.abi,
    functionName: "safeTransferFrom",
    args: [from.address, to.address, before.positionIds[outcome], amount, "0x"],
  });
  const after = await positions(publicClient, deployment, from.address, conditionId);
  print({ tx_hash: receipt.transactionHash, from: from.address, to: to.address, balances: after.balances });
}

// Approves (or revokes) an operator of all of wallet N's positions (ERC-1155 setApprovalForAll).
async function approve(argv) {
  const args = parseArgs(argv, ["state", "wallet", "operator"], ["revoke"]);
  const { deployment, publicClient, walletFor } = setup(args);
  const w = walletByIndex(deployment, need(args, "wallet"));
  const operator = parseAddress(need(args, "operator"), "--operator");
  const approved = !args.revoke;
  const receipt = await send(publicClient, walletFor(w.private_key), {
    address: deployment.conditional_tokens,
    abi: CONDITIONAL_TOKENS.abi,
    functionName: "setApprovalForAll",
    args: [operator, approved],
  });
  const now = await readCtf(publicClient, deployment, "isApprovedForAll", [w.address, operator]);
  print({ tx_hash: receipt.transactionHash, owner: w.address, operator, approved: now });
}

// A 1-of-1 Safe owned by wallet N, created through the proxy factory (as Polymarket's Safe
// factory makes its type-2 wallets).
async function safeCreate(argv) {
  const args = parseArgs(argv, ["state", "owner"]);
  const { deployment, publicClient, walletFor } = setup(args);
  const owner = walletByIndex(deployment, need(args, "owner"));
  const ZERO = "0x0000000000000000000000000000000000000000";
  const initializer = encodeFunctionData({
    abi: SAFE_SINGLETON.abi,
    functionName: "setup",
    args: [[owner.address], 1n, ZERO, "0x", deployment.safe_fallback_handler, ZERO, 0n, ZERO],
  });
  const receipt = await send(publicClient, walletFor(owner.private_key), {
    address: deployment.safe_proxy_factory,
    abi: SAFE_PROXY_FACTORY.abi,
    functionName: "createProxy",
    args: [deployment.safe_singleton, initializer],
  });
  const created = eventsOf(receipt, SAFE_PROXY_FACTORY.abi, "ProxyCreation");
  if (created.length !== 1) throw new Error("no ProxyCreation event");
  const safe = getAddress(created[0].args.proxy);
  const read = (functionName, a = []) => publicClient.readContract({ address: safe, abi: SAFE_SINGLETON.abi, functionName, args: a });
  print({ tx_hash: receipt.transactionHash, safe, owners: await read("getOwners"), threshold: await read("getThreshold"), nonce: await read("nonce") });
}

// Redeems with viem (reference path, used to check the harness itself).
async function redeemJs(argv) {
  const args = parseArgs(argv, ["state", "wallet", "condition"]);
  const { deployment, publicClient, walletFor } = setup(args);
  const w = walletByIndex(deployment, need(args, "wallet"));
  const conditionId = parseBytes32(need(args, "condition"), "--condition");
  const before = await positions(publicClient, deployment, w.address, conditionId);
  const collateralBefore = await collateralBalance(publicClient, deployment, w.address);
  const receipt = await send(publicClient, walletFor(w.private_key), {
    address: deployment.conditional_tokens,
    abi: CONDITIONAL_TOKENS.abi,
    functionName: "redeemPositions",
    args: [deployment.collateral, ZERO_BYTES32, conditionId, before.indexSets],
  });
  const events = eventsOf(receipt, CONDITIONAL_TOKENS.abi, "PayoutRedemption");
  const after = await positions(publicClient, deployment, w.address, conditionId);
  print({
    tx_hash: receipt.transactionHash,
    address: w.address,
    payout: events.length === 1 ? events[0].args.payout : null,
    collateral_balance_before: collateralBefore,
    collateral_balance: await collateralBalance(publicClient, deployment, w.address),
    position_ids: after.positionIds,
    balances_before: before.balances,
    balances: after.balances,
    gas_used: receipt.gasUsed,
  });
}

const COMMANDS = {
  up,
  info,
  prepare,
  split,
  report,
  balances,
  "redeem-js": redeemJs,
  mint,
  transfer,
  approve,
  "safe-create": safeCreate,
};

await runMain("evm.mjs", async () => {
  const [cmd, ...rest] = process.argv.slice(2);
  if (!cmd || cmd === "--help" || cmd === "-h" || cmd === "help") {
    process.stderr.write(`${USAGE}\n`);
    if (!cmd) process.exit(2);
    return;
  }
  const fn = COMMANDS[cmd];
  if (!fn) throw new UsageError(`unknown subcommand '${cmd}'\n${USAGE}`);
  await fn(rest);
});
