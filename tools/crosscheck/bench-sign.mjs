// Throughput of the official V2 client's order creation + EIP-712 signing.
//
//   node bench-sign.mjs [--n 2000] [--warmup 200] [--version 2] [--signer ethers|viem]
//
// Loop: ClobClient.createOrder (clob-client-v2 1.1.0, EOA, tick 0.01, caches
// pre-filled so no request is made; salt and timestamp drawn by the client
// itself as in production) for N limit orders with varying side / price / size.
// The client accepts two signers: an ethers v5 Wallet (its own dependency,
// @ethersproject/wallet; the default here) or a viem local account (the one
// its README shows, about twice as fast).
// stdout: {"orders_per_second": X}; details on stderr.
import { ClobClient } from "@polymarket/clob-client-v2";
import { Wallet } from "@ethersproject/wallet";
import { HOST, networkAttempts, walletFor } from "./lib.mjs";

const args = process.argv.slice(2);
const opt = (name, dflt) => {
    const i = args.indexOf(`--${name}`);
    return i < 0 ? dflt : Number.parseInt(args[i + 1], 10);
};
const N = opt("n", 2000);
const WARMUP = opt("warmup", 200);
const VERSION = opt("version", 2);
const signerIndex = args.indexOf("--signer");
const SIGNER = signerIndex < 0 ? "ethers" : args[signerIndex + 1];
if (SIGNER !== "ethers" && SIGNER !== "viem") {
    process.stderr.write(`--signer must be ethers or viem, not ${SIGNER}\n`);
    process.exit(2);
}
const PRIVATE_KEY = "0x" + "0".repeat(62) + "a1";

const token = "34549038436775387767555351401981287096280193432851657723404876503687402605441";
const client = new ClobClient({
    host: HOST,
    chain: 137,
    signer: SIGNER === "ethers" ? new Wallet(PRIVATE_KEY) : walletFor(PRIVATE_KEY),
    creds: { key: "00000000-1111-4222-8333-444444444444", secret: "AAAA", passphrase: "x" },
});
client.get = client.post = client.del = async (url) => {
    throw new Error(`unexpected request ${url}`);
};
client.cachedVersion = VERSION;
client.tickSizes[token] = "0.01";
client.negRisk[token] = false;
client.feeInfos[token] = { rate: 0, exponent: 0 };

const make = (i) =>
    client.createOrder(
        { tokenID: token, price: 0.01 + (i % 98) / 100, size: 1 + (i % 977) * 1.37, side: i % 2 ? "SELL" : "BUY" },
        { tickSize: "0.01", negRisk: false },
    );

for (let i = 0; i < WARMUP; i++) await make(i);
const t0 = process.hrtime.bigint();
let last;
for (let i = 0; i < N; i++) last = await make(i);
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
if (networkAttempts.length || !/^0x[0-9a-f]{130}$/.test(last.signature)) {
    process.stderr.write(`benchmark invalid: ${networkAttempts.join("; ")} ${last?.signature}\n`);
    process.exit(1);
}
const ops = N / secs;
process.stderr.write(
    JSON.stringify({ n: N, seconds: Number(secs.toFixed(3)), order_version: VERSION, signer: SIGNER === "ethers" ? "ethers v5 Wallet" : "viem privateKeyToAccount", node: process.version }) + "\n",
);
process.stdout.write(JSON.stringify({ orders_per_second: Math.round(ops) }) + "\n");
