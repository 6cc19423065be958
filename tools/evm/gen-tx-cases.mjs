#!/usr/bin/env node
// EIP-1559 (type 2) transaction signing cases from viem, for checking polycopy's own
// serializer and signer. Deterministic: the same --seed gives byte-identical output.
// JSON lines on stdout, a summary on stderr. See README.md.
import { keccak256, recoverTransactionAddress, parseTransaction, serializeTransaction, getAddress, encodeFunctionData } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { CONDITIONAL_TOKENS, UsageError, jsonLine, log, parseArgs, parseUint, runMain } from "./lib.mjs";

const MAX_U256 = (1n << 256n) - 1n;
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const CHAIN_IDS = [1, 137, 1337, 80002];

// mulberry32: small, fast, and the same on every machine.
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n); // 0..n-1
  const pick = (xs) => xs[int(xs.length)];
  const bytes = (n) => {
    let s = "";
    for (let i = 0; i < n; i++) s += int(256).toString(16).padStart(2, "0");
    return s;
  };
  const hex = (n) => `0x${bytes(n)}`;
  // A uint of 1..bits bits (random width, so small and large values both occur).
  const uint = (bits) => {
    const width = 1 + int(bits);
    const v = BigInt(`0x${bytes(Math.ceil(width / 8)) || "00"}`);
    return v & ((1n << BigInt(width)) - 1n);
  };
  return { next, int, pick, bytes, hex, uint };
}

function privateKey(r) {
  for (;;) {
    const k = BigInt(r.hex(32));
    if (k > 0n && k < SECP256K1_N) return `0x${k.toString(16).padStart(64, "0")}`;
  }
}

const keyHex = (k) => `0x${k.toString(16).padStart(64, "0")}`;

function randomFees(r) {
  const kind = r.int(6);
  let maxFee;
  if (kind === 0) maxFee = 0n;
  else if (kind === 1) maxFee = BigInt(1 + r.int(1000)) * 1_000_000_000n; // 1..1000 gwei
  else if (kind === 2) maxFee = r.uint(64);
  else if (kind === 3) maxFee = r.uint(128);
  else if (kind === 4) maxFee = r.uint(256);
  else maxFee = BigInt(r.int(0x100)); // single-byte RLP values, including 0x7f / 0x80 boundary
  const tipKind = r.int(4);
  let tip;
  if (tipKind === 0) tip = 0n;
  else if (tipKind === 1) tip = maxFee;
  else tip = maxFee === 0n ? 0n : BigInt(`0x${r.bytes(32)}`) % (maxFee + 1n);
  return { maxFee, tip };
}

function randomAddress(r) {
  const z = r.int(5);
  if (z === 0) return getAddress(`0x${"00".repeat(19)}${r.bytes(1)}`);
  if (z === 1) {
    const lead = 1 + r.int(8);
    return getAddress(`0x${"00".repeat(lead)}${r.bytes(20 - lead)}`);
  }
  return getAddress(r.hex(20));
}

function randomData(r) {
  const k = r.int(12);
  if (k === 0) return "0x";
  if (k === 1) return r.hex(1); // one byte: RLP encodes < 0x80 as itself
  if (k === 2) return `0x${"00".repeat(1 + r.int(4))}${r.bytes(r.int(40))}`; // leading zero bytes
  if (k === 3) return r.hex(55);
  if (k === 4) return r.hex(56);
  if (k === 5) return r.hex(256 + r.int(3)); // 256..258: two-byte length header
  if (k === 6) return r.hex(1000 + r.int(3000));
  if (k === 7) return r.hex(4 + 32 * r.int(8)); // ABI-shaped
  return r.hex(r.int(300));
}

function randomAccessList(r) {
  const n = 1 + r.int(3);
  const list = [];
  for (let i = 0; i < n; i++) {
    const keys = [];
    const m = r.int(4);
    for (let j = 0; j < m; j++) keys.push(r.int(4) === 0 ? `0x${"00".repeat(31)}${r.bytes(1)}` : r.hex(32));
    list.push({ address: randomAddress(r), storageKeys: keys });
  }
  return list;
}

function randomCase(r) {
  const { maxFee, tip } = randomFees(r);
  const nonceKind = r.int(5);
  const nonce =
    nonceKind === 0 ? 0 : nonceKind === 1 ? r.int(128) : nonceKind === 2 ? 128 + r.int(65536) : Number(r.uint(53));
  const gasKind = r.int(4);
  const gas = gasKind === 0 ? 21000n : gasKind === 1 ? BigInt(21000 + r.int(30_000_000)) : r.uint(64);
  const valueKind = r.int(6);
  const value =
    valueKind === 0 ? 0n : valueKind === 1 ? MAX_U256 - BigInt(r.int(1000)) : valueKind === 2 ? BigInt(r.int(256)) : r.uint(256);
  return {
    label: "random",
    private_key: privateKey(r),
    chain_id: r.int(8) === 0 ? 1 + Number(r.uint(32)) : r.pick(CHAIN_IDS),
    nonce,
    max_priority_fee_per_gas: tip,
    max_fee_per_gas: maxFee,
    gas,
    to: randomAddress(r),
    value,
    data: randomData(r),
    access_list: r.int(10) === 0 ? randomAccessList(r) : [],
  };
}

// Hand-picked cases; the random fields are filled from the same generator.
function edgeCases(r) {
  const base = () => ({ ...randomCase(r), access_list: [] });
  const redeemData = encodeFunctionData({
    abi: CONDITIONAL_TOKENS.abi,
    functionName: "redeemPositions",
    args: [
      "0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174",
      `0x${"00".repeat(32)}`,
      "0x6fa121d31b5ed65b5c34b32ae646e4751b37ffd49c3cbcc379b055e22e27094c",
      [1n, 2n],
    ],
  });
  const cases = [];
  const add = (label, over) => cases.push({ ...base(), ...over, label });
  add("all-zero", { nonce: 0, value: 0n, data: "0x", max_fee_per_gas: 0n, max_priority_fee_per_gas: 0n, gas: 21000n, chain_id: 1 });
  add("transfer-137", { nonce: 0, value: 1n, data: "0x", gas: 21000n, chain_id: 137, max_fee_per_gas: 30_000_000_000n, max_priority_fee_per_gas: 30_000_000_000n });
  add("nonce-0", { nonce: 0 });
  add("nonce-127", { nonce: 127 });
  add("nonce-128", { nonce: 128 });
  add("nonce-255", { nonce: 255 });
  add("nonce-256", { nonce: 256 });
  add("nonce-2^53-1", { nonce: Number.MAX_SAFE_INTEGER });
  add("value-0", { value: 0n });
  add("value-max-u256", { value: MAX_U256 });
  add("value-max-u256-minus-1", { value: MAX_U256 - 1n });
  add("value-2^255", { value: 1n << 255n });
  add("value-127", { value: 127n });
  add("value-128", { value: 128n });
  add("fees-max-u256", { max_fee_per_gas: MAX_U256, max_priority_fee_per_gas: MAX_U256 });
  add("fees-single-byte", { max_fee_per_gas: 0x7fn, max_priority_fee_per_gas: 0x7fn });
  add("fees-0x80", { max_fee_per_gas: 0x80n, max_priority_fee_per_gas: 0x80n });
  add("gas-21000", { gas: 21000n });
  add("gas-max-u64", { gas: (1n << 64n) - 1n });
  for (const id of [...CHAIN_IDS, 127, 128, 0xffffffff]) add(`chain-${id}`, { chain_id: id });
  add("to-zero-address", { to: "0x0000000000000000000000000000000000000000" });
  add("to-leading-zeros", { to: getAddress(`0x000000${r.bytes(17)}`) });
  add("to-one-nonzero-byte", { to: "0x0000000000000000000000000000000000000001" });
  add("data-empty", { data: "0x" });
  add("data-00", { data: "0x00" });
  add("data-7f", { data: "0x7f" });
  add("data-80", { data: "0x80" });
  add("data-leading-zeros", { data: `0x000000${r.bytes(30)}` });
  add("data-55", { data: r.hex(55) });
  add("data-56", { data: r.hex(56) });
  add("data-255", { data: r.hex(255) });
  add("data-256", { data: r.hex(256) });
  add("data-65536", { data: r.hex(65536) });
  add("data-redeemPositions", { data: redeemData, chain_id: 137, value: 0n, gas: 200_000n });
  add("key-1", { private_key: keyHex(1n) });
  add("key-n-minus-1", { private_key: keyHex(SECP256K1_N - 1n) });
  add("access-list-empty-keys", { access_list: [{ address: randomAddress(r), storageKeys: [] }] });
  add("access-list-one", { access_list: [{ address: randomAddress(r), storageKeys: [r.hex(32)] }] });
  add("access-list-many", { access_list: randomAccessList(r).concat(randomAccessList(r)) });
  add("access-list-long-data", { access_list: randomAccessList(r), data: r.hex(300) });
  return cases;
}

async function render(c) {
  const account = privateKeyToAccount(c.private_key);
  const tx = {
    type: "eip1559",
    chainId: c.chain_id,
    nonce: c.nonce,
    maxPriorityFeePerGas: c.max_priority_fee_per_gas,
    maxFeePerGas: c.max_fee_per_gas,
    gas: c.gas,
    to: c.to,
    value: c.value,
    data: c.data,
    accessList: c.access_list,
  };
  const unsigned = serializeTransaction(tx);
  const raw = await account.signTransaction(tx);
  // Self-check: viem parses its own output back to the same sender and fields.
  const from = await recoverTransactionAddress({ serializedTransaction: raw });
  if (from !== account.address) throw new Error(`case ${c.label}: recovered ${from}, want ${account.address}`);
  const parsed = parseTransaction(raw);
  if (parsed.type !== "eip1559" || parsed.chainId !== c.chain_id) throw new Error(`case ${c.label}: parse mismatch`);
  if (!unsigned.startsWith("0x02") || !raw.startsWith("0x02")) throw new Error(`case ${c.label}: not type 2`);
  const hasAccessList = c.access_list.length > 0;
  return {
    label: c.label,
    private_key: c.private_key,
    chain_id: String(c.chain_id),
    nonce: String(c.nonce),
    max_priority_fee_per_gas: c.max_priority_fee_per_gas.toString(),
    max_fee_per_gas: c.max_fee_per_gas.toString(),
    gas: c.gas.toString(),
    to: c.to,
    value: c.value.toString(),
    data: c.data,
    access_list: c.access_list.map((e) => ({ address: e.address, storage_keys: e.storageKeys })),
    has_access_list: hasAccessList,
    unsigned,
    signing_hash: keccak256(unsigned),
    raw,
    hash: keccak256(raw),
    from,
    y_parity: String(parsed.yParity),
    r: parsed.r,
    s: parsed.s,
  };
}

// A reader that stops early (| head) is not an error.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

await runMain("gen-tx-cases.mjs", async () => {
  const args = parseArgs(process.argv.slice(2), ["seed", "count"]);
  const seed = Number(parseUint(args.seed ?? "7", "--seed"));
  const count = Number(parseUint(args.count ?? "200", "--count"));
  if (seed > 0xffffffff) throw new UsageError("--seed must be below 2^32");
  const r = prng(seed);
  const cases = edgeCases(r);
  const handPicked = Math.min(count, cases.length);
  while (cases.length < count) cases.push(randomCase(r));
  let accessLists = 0;
  let bytes = 0;
  const t0 = Date.now();
  for (const c of cases.slice(0, count)) {
    const out = await render(c);
    if (out.has_access_list) accessLists++;
    const line = `${jsonLine(out)}\n`;
    bytes += line.length;
    process.stdout.write(line);
  }
  log(`gen-tx-cases: ${count} cases (${handPicked} hand-picked, ${accessLists} with access lists), ${bytes} bytes, ${Date.now() - t0} ms, seed ${seed}`);
});
