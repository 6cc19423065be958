#!/usr/bin/env node
// Runs the whole harness once through its CLI, as a test would: up on a free port, prepare,
// split, report, redeem (with viem), balances; checks every number, then stops the node.
// Exit 0 and a JSON summary on stdout when everything holds.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { jsonLine, log, parseArgs, runMain } from "./lib.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const evm = path.join(here, "evm.mjs");
const run = promisify(execFile);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function assert(cond, what) {
  if (!cond) throw new Error(`check failed: ${what}`);
}

async function cli(state, ...args) {
  const { stdout } = await run(process.execPath, [evm, args[0], "--state", state, ...args.slice(1)]);
  const lines = stdout.trim().split("\n");
  assert(lines.length === 1, `${args[0]} printed one line`);
  return JSON.parse(lines[0]);
}

// Expects the subcommand to fail; returns its stderr.
async function cliFails(state, ...args) {
  try {
    await run(process.execPath, [evm, args[0], "--state", state, ...args.slice(1)]);
  } catch (err) {
    assert(err.code === 1, `${args[0]} exits 1 on a revert (got ${err.code})`);
    return err.stderr;
  }
  throw new Error(`check failed: ${args.join(" ")} should have failed`);
}

async function rpc(url, method, params) {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return res.json();
}

function startNode(port, state, chainId) {
  const child = spawn(process.execPath, [evm, "up", "--port", String(port), "--state", state, "--chain-id", String(chainId)], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const ready = new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve(JSON.parse(out.slice(0, nl)));
    });
    child.once("exit", (code) => reject(new Error(`evm.mjs up exited with ${code} before ready: ${stderr.trim()}`)));
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, ready, exited, stderr: () => stderr };
}

await runMain("check-harness.mjs", async () => {
  const args = parseArgs(process.argv.slice(2), ["chain-id", "keep-state"]);
  const chainId = Number(args["chain-id"] ?? 137);
  const state = mkdtempSync(path.join(os.tmpdir(), "polycopy-evm-"));
  const port = await freePort();
  const t0 = Date.now();
  const node = startNode(port, state, chainId);
  let upMs;
  const summary = { ok: false };
  try {
    const dep = await node.ready;
    upMs = Date.now() - t0;
    assert(dep.chain_id === chainId && dep.rpc_url === `http://127.0.0.1:${port}`, "deployment rpc_url / chain_id");
    assert(dep.wallets.length >= 3 && dep.collateral_decimals === 6, "wallets and decimals");
    const chain = await rpc(dep.rpc_url, "eth_chainId", []);
    assert(BigInt(chain.result) === BigInt(chainId), `eth_chainId ${chain.result} = ${chainId}`);
    const info = await cli(state, "info");
    assert(info.conditional_tokens === dep.conditional_tokens, "info matches deployment.json");

    // Condition A: outcome 0 wins (payouts 1,0). Wallet 0 holds both outcomes.
    const qA = `0x${"a1".repeat(32)}`;
    const prepA = await cli(state, "prepare", "--question-id", qA, "--outcomes", "2");
    const amountA = 5_000_000n;
    const splitA = await cli(state, "split", "--wallet", "0", "--condition", prepA.condition_id, "--amount", amountA.toString());
    assert(splitA.position_ids.length === 2 && splitA.balances.every((b) => BigInt(b) === amountA), "split gives amount of each outcome");
    assert(BigInt(splitA.collateral_balance) === 0n, "split consumed the minted collateral");

    // Redeeming before resolution reverts with the contract's reason.
    const early = await cliFails(state, "redeem-js", "--wallet", "0", "--condition", prepA.condition_id);
    assert(early.includes("result for condition not received yet"), `early redeem reason (${early.trim()})`);

    const repA = await cli(state, "report", "--question-id", qA, "--payouts", "1,0");
    assert(repA.condition_id === prepA.condition_id && repA.payout_denominator === "1", "report 1,0");

    const before = await cli(state, "balances", "--wallet", "0", "--condition", prepA.condition_id);
    const red = await cli(state, "redeem-js", "--wallet", "0", "--condition", prepA.condition_id);
    const after = await cli(state, "balances", "--wallet", "0", "--condition", prepA.condition_id);
    const gain = BigInt(after.collateral_balance) - BigInt(before.collateral_balance);
    assert(gain === amountA, `collateral rose by exactly ${amountA} (rose by ${gain})`);
    assert(BigInt(red.payout) === amountA, "PayoutRedemption payout");
    assert(after.balances.every((b) => b === "0"), "positions burnt");
    assert(JSON.stringify(after.position_ids) === JSON.stringify(splitA.position_ids), "position ids stable");
    const tx = await rpc(dep.rpc_url, "eth_getTransactionByHash", [red.tx_hash]);
    assert(tx.result.type === "0x2" && BigInt(tx.result.chainId) === BigInt(chainId), "redeem went as a type-2 tx with the chain id");

    // Condition B: 50/50 (payouts 1,1) with an odd amount: each index set pays floor(b/2).
    const qB = `0x${"b2".repeat(32)}`;
    const prepB = await cli(state, "prepare", "--question-id", qB);
    await cli(state, "split", "--wallet", "1", "--condition", prepB.condition_id, "--amount", "3000001");
    await cli(state, "report", "--question-id", qB, "--payouts", "1,1");
    const redB = await cli(state, "redeem-js", "--wallet", "1", "--condition", prepB.condition_id);
    assert(redB.payout === "3000000" && redB.collateral_balance === "3000000", "50/50 pays floor per index set");

    // Wallet 2 holds only the losing outcome of A: nothing to redeem, no error.
    const redLoser = await cli(state, "redeem-js", "--wallet", "2", "--condition", prepA.condition_id);
    assert(redLoser.payout === "0", "empty redeem pays 0");

    Object.assign(summary, {
      ok: true,
      chain_id: chainId,
      conditional_tokens: dep.conditional_tokens,
      collateral: dep.collateral,
      redeemed: amountA.toString(),
      redeem_gas_used: red.gas_used,
    });
  } finally {
    node.child.kill("SIGTERM");
    const { code, signal } = await node.exited;
    if (summary.ok && !(code === 0 && signal === null)) {
      summary.ok = false;
      log(`check-harness: evm.mjs up did not exit cleanly on SIGTERM (code ${code}, signal ${signal}): ${node.stderr()}`);
    }
    if (!args["keep-state"]) rmSync(state, { recursive: true, force: true });
  }
  summary.up_ms = upMs;
  summary.total_ms = Date.now() - t0;
  process.stdout.write(`${jsonLine(summary)}\n`);
  if (!summary.ok) process.exit(1);
  log("check-harness: 1 passed, 0 failed");
});
