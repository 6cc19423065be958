// Cross-check case generator: random inputs, expected outputs from
// Polymarket's official TypeScript clients (see lib.mjs for how they are
// driven without network and without randomness of their own).
//
//   node gen-cases.mjs --seed 7 --count 500 > cases.jsonl
//
// Options:
//   --seed N        PRNG seed (default 7); same seed -> byte-identical output
//   --count N       accepted order cases per protocol version (default 500)
//   --auth-count N  L1 cases and L2 cases each (default 250)
//   --versions 1,2,3  protocol versions to generate (default 1,2,3)
//
// Output, one JSON object per line (stdout):
//   {"kind":"order","input":{...},"expected":"<exact POST /order body>"}
//   {"kind":"order_rejected","input":{...},"error":"<client error message>"}
//   {"kind":"l1","input":{...},"expected":{POLY_ADDRESS,POLY_SIGNATURE,POLY_TIMESTAMP,POLY_NONCE}}
//   {"kind":"l2","input":{...},"expected":{POLY_ADDRESS,POLY_SIGNATURE,POLY_TIMESTAMP,POLY_API_KEY,POLY_PASSPHRASE}}
// A summary goes to stderr. Exit status 1 if any network use was attempted.
import { BYTES32_ZERO, accountFor, l1Headers, l2Headers, networkAttempts, signOrder } from "./lib.mjs";
import { getAddress } from "viem";

// ---- arguments ----------------------------------------------------------
const args = process.argv.slice(2);
function opt(name, dflt) {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return dflt;
    const v = args[i + 1];
    if (v === undefined) throw new Error(`--${name} needs a value`);
    return v;
}
const SEED = Number.parseInt(opt("seed", "7"), 10);
const COUNT = Number.parseInt(opt("count", "500"), 10);
const AUTH_COUNT = Number.parseInt(opt("auth-count", "250"), 10);
const VERSIONS = opt("versions", "1,2,3").split(",").map((v) => Number.parseInt(v, 10));
for (const [k, v] of Object.entries({ SEED, COUNT, AUTH_COUNT })) {
    if (!Number.isFinite(v) || v < 0) throw new Error(`bad ${k}`);
}

// ---- seeded PRNG (sfc32, seeded through splitmix32) ----------------------
function splitmix32(a) {
    return () => {
        a = (a + 0x9e3779b9) | 0;
        let t = a ^ (a >>> 16);
        t = Math.imul(t, 0x21f0aaad);
        t ^= t >>> 15;
        t = Math.imul(t, 0x735a2d97);
        return (t ^ (t >>> 15)) >>> 0;
    };
}
function sfc32(seed) {
    const sm = splitmix32(seed);
    let a = sm(), b = sm(), c = sm(), d = sm();
    const next = () => {
        a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
        let t = (a + b) | 0;
        a = b ^ (b >>> 9);
        b = (c + (c << 3)) | 0;
        c = (c << 21) | (c >>> 11);
        d = (d + 1) | 0;
        t = (t + d) | 0;
        c = (c + t) | 0;
        return t >>> 0;
    };
    for (let i = 0; i < 16; i++) next();
    return next;
}
const u32 = sfc32(SEED);
// uniform double in [0, 1) with 53 random bits
const rnd = () => (u32() * 2 ** 21 + (u32() >>> 11)) / 2 ** 53;
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive, |hi-lo| < 2^53
const chance = (p) => rnd() < p;
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
function weighted(table) {
    const total = table.reduce((s, [w]) => s + w, 0);
    let x = rnd() * total;
    for (const [w, v] of table) {
        if ((x -= w) < 0) return v;
    }
    return table[table.length - 1][1];
}
const hexBytes = (n) => {
    let s = "";
    for (let i = 0; i < n; i++) s += (u32() & 0xff).toString(16).padStart(2, "0");
    return s;
};
function shuffle(arr) {
    for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [arr[i], arr[j]] = [arr[j], arr[i]];
    }
    return arr;
}
// a number in [lo, hi] printed with at most `dec` decimals
const decimalIn = (lo, hi, dec) => Number((lo + rnd() * (hi - lo)).toFixed(dec));

// ---- value generators -----------------------------------------------------
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const FIXED_KEYS = [
    "0x" + "0".repeat(62) + "a1", // the key of protocol-examples.json
    "0x" + "0".repeat(63) + "1",
    "0x" + (SECP256K1_N - 1n).toString(16).padStart(64, "0"),
    "0x" + "7f" + "ff".repeat(15) + "00".repeat(16),
];
const keyPool = [];
function privateKey() {
    if (chance(0.03)) return pick(FIXED_KEYS);
    if (keyPool.length >= 48 && chance(0.5)) return pick(keyPool);
    for (;;) {
        const k = BigInt("0x" + hexBytes(32));
        if (k === 0n || k >= SECP256K1_N) continue;
        const s = "0x" + k.toString(16).padStart(64, "0");
        if (keyPool.length < 48) keyPool.push(s);
        return s;
    }
}

function tokenId() {
    return weighted([
        [70, () => BigInt("0x" + hexBytes(32)).toString()],
        [15, () => BigInt("0x" + hexBytes(int(8, 31))).toString()],
        [10, () => String(int(1, 1_000_000))],
        [3, () => ((1n << 256n) - 1n).toString()],
        [2, () => "0"],
    ])();
}

function address() {
    const a = "0x" + hexBytes(20);
    return chance(0.5) ? a : getAddress(a); // lower case or EIP-55, kept as given
}

function uuid() {
    const h = hexBytes(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[u32() & 3]}${h.slice(17, 20)}-${h.slice(20)}`;
}

const bytes32 = () => (chance(0.7) ? BYTES32_ZERO : "0x" + hexBytes(32));

const PRICE_DEC = { "0.1": 1, "0.01": 2, "0.001": 3, "0.0001": 4, "0.005": 3, "0.0025": 4 };

function validPrice(tick) {
    const t = Number(tick);
    const dec = PRICE_DEC[tick];
    const steps = Math.round(1 / t);
    return weighted([
        // on the tick grid, printed cleanly
        [35, () => Number((int(1, steps - 1) * t).toFixed(dec))],
        // the extremes the client accepts: tick and 1 - tick
        [12, () => (chance(0.5) ? t : Number((1 - t).toFixed(dec)))],
        // off-grid: more decimals than the tick, the client rounds (roundNormal / roundDown)
        [25, () => decimalIn(t, 1 - t, dec + int(1, 5))],
        // grid value computed in floating point (0.1*3 = 0.30000000000000004 ...)
        [10, () => int(1, steps - 1) * t],
        // within the tick's decimals but not a multiple of a non-decimal tick (0.005, 0.0025)
        [10, () => decimalIn(t, 1 - t, dec)],
        // a full-precision double
        [5, () => t + rnd() * (1 - 2 * t)],
        // half-way values that expose the +EPSILON in roundNormal
        [3, () => Number(((int(1, steps - 2) + 0.5) * t).toFixed(dec + 1))],
    ])();
}

function size() {
    return weighted([
        // tiny
        [20, () => decimalIn(0.01, 5, 2)],
        // ordinary
        [25, () => decimalIn(5, 2000, int(0, 2))],
        // many decimals, rounded down by the client
        [22, () => decimalIn(0.01, 5000, int(3, 8))],
        // large
        [13, () => (chance(0.3) ? 1e6 : decimalIn(1e4, 1e6, int(0, 2)))],
        // very large
        [5, () => decimalIn(1e6, 1e8, int(0, 2))],
        // floating-point artefacts
        [10, () => pick([0.1 + 0.2, 1.005, 2.675, 1.15 * 3, 0.07 * 100, 4.35 * 100 / 100, 1.1 * 1.1, 10.01 - 0.01, 0.29, 0.57, 1e6 + 0.01, 33.33, 12.345678])],
        // integers
        [5, () => int(1, 100000)],
    ])();
}

// ---- order inputs ---------------------------------------------------------
function baseInput(pv, combo) {
    const [tick, kind, side, negRisk, sigType] = combo;
    const limit = kind === "limit";
    const orderType = limit
        ? weighted([[45, "GTC"], [25, "GTD"], [15, "FOK"], [15, "FAK"]])
        : weighted([[45, "FOK"], [45, "FAK"], [10, "GTC"]]);
    const postOnly = (orderType === "GTC" || orderType === "GTD") && chance(0.3);
    const tsMs = int(1_700_000_000_000, 1_800_000_000_000);
    const nowS = Math.floor(tsMs / 1000);
    const expiration = orderType === "GTD" ? nowS + int(61, 90 * 86400) : 0;
    const input = {
        protocol_version: pv,
        kind,
        private_key: privateKey(),
        token_id: tokenId(),
        price: validPrice(tick),
        size: size(),
        side,
        tick_size: tick,
        neg_risk: negRisk,
        signature_type: sigType,
        funder: sigType === 0 ? null : address(),
        // the clients draw salt = Math.round(Math.random() * Date.now())
        salt: Math.round(rnd() * (pv === 1 ? 1765000000000 : tsMs)),
        expiration,
        order_type: orderType,
        post_only: postOnly,
        defer_exec: chance(0.25),
        owner: uuid(),
    };
    if (pv === 1) {
        input.fee_rate_bps = weighted([[60, 0], [40, pick([1, 10, 50, 100, 200, 1000])]]);
        input.nonce = weighted([[70, 0], [20, int(1, 1000)], [10, int(1, 2 ** 40)]]);
    } else {
        input.timestamp_ms = tsMs;
        input.metadata = bytes32();
        input.builder = bytes32();
    }
    return input;
}

function combos(pv) {
    const ticks = pv === 1 ? ["0.1", "0.01", "0.001", "0.0001"] : ["0.1", "0.01", "0.001", "0.0001", "0.005", "0.0025"];
    const sigTypes = pv === 1 ? [0, 1, 2] : [0, 1, 2, 3];
    const out = [];
    for (const tick of ticks)
        for (const kind of ["limit", "market"])
            for (const side of ["BUY", "SELL"])
                for (const negRisk of [false, true])
                    for (const sig of sigTypes) out.push([tick, kind, side, negRisk, sig]);
    return shuffle(out);
}

// inputs the client is expected to refuse
function rejectedInput(pv, combo) {
    const input = baseInput(pv, combo);
    const t = Number(input.tick_size);
    const how = weighted([
        [40, "price"],
        [25, "postOnly"],
        [20, "tick"],
    ]);
    if (how === "price") {
        const candidates = [t / 2, 1 - t / 2, 1, 1.5, -0.25, t - 1e-9, 1 - t + 1e-9, 0.99999];
        if (input.kind === "limit") candidates.push(0); // market price 0 would mean "walk the book"
        input.price = pick(candidates);
    } else if (how === "postOnly") {
        input.order_type = pick(["FOK", "FAK"]);
        input.post_only = true;
        input.expiration = 0;
    } else {
        // tick sizes the client has no rounding config for (V1 also lacks 0.005 / 0.0025)
        input.tick_size = pv === 1 ? pick(["0.005", "0.0025", "0.05", "0.02"]) : pick(["0.05", "0.02", "0.5", "1"]);
        input.price = 0.5;
    }
    return input;
}

// ---- main -----------------------------------------------------------------
const lines = [];
const emit = (obj) => lines.push(JSON.stringify(obj));
const summary = { seed: SEED, count: COUNT, versions: {}, l1: 0, l2: 0 };
const orderBodies = [];
const t0 = performance.now();

function assertNoNetwork(where) {
    if (networkAttempts.length > 0) {
        process.stderr.write(`FATAL: network use attempted (${where}): ${networkAttempts.join("; ")}\n`);
        process.exit(1);
    }
}

for (const pv of VERSIONS) {
    const cs = combos(pv);
    const stats = { order: 0, rejected_intended: 0, rejected_unexpected: 0, accepted_intended_reject: 0, combos: cs.length };
    let i = 0;
    let k = 0;
    const wantRejected = Math.max(1, Math.round(COUNT / 10));
    while (stats.order < COUNT) {
        const input = baseInput(pv, cs[i++ % cs.length]);
        const res = await signOrder(input);
        assertNoNetwork(`order v${pv}`);
        if (res.error !== undefined) {
            stats.rejected_unexpected++;
            emit({ kind: "order_rejected", input, error: res.error });
        } else {
            stats.order++;
            emit({ kind: "order", input, expected: res.body });
            if (orderBodies.length < 400) orderBodies.push(res.body);
        }
    }
    while (stats.rejected_intended + stats.accepted_intended_reject < wantRejected) {
        const input = rejectedInput(pv, cs[k++ % cs.length]);
        const res = await signOrder(input);
        assertNoNetwork(`rejected v${pv}`);
        if (res.error !== undefined) {
            stats.rejected_intended++;
            emit({ kind: "order_rejected", input, error: res.error });
        } else {
            // e.g. 1 - tick + 1e-9 may still pass the client's check: then it is a normal case
            stats.accepted_intended_reject++;
            emit({ kind: "order", input, expected: res.body });
        }
    }
    summary.versions[pv] = stats;
}

// ---- L1 headers -------------------------------------------------------------
for (let n = 0; n < AUTH_COUNT; n++) {
    const input = {
        private_key: privateKey(),
        chain_id: chance(0.9) ? 137 : 80002,
        timestamp: weighted([[85, () => int(1_600_000_000, 2_000_000_000)], [10, () => int(0, 4_000_000_000)], [5, () => pick([0, 1, 2 ** 31 - 1, 2 ** 32])]])(),
        nonce: weighted([[40, () => 0], [35, () => int(1, 1000)], [20, () => int(0, 2 ** 32)], [5, () => int(0, Number.MAX_SAFE_INTEGER)]])(),
    };
    const expected = await l1Headers(input);
    assertNoNetwork("l1");
    emit({ kind: "l1", input, expected });
    summary.l1++;
}

// ---- L2 headers -------------------------------------------------------------
function secret() {
    const bytes = [];
    const n = weighted([[70, 32], [30, int(1, 64)]]);
    for (let i = 0; i < n; i++) bytes.push(u32() & 0xff);
    let s = Buffer.from(bytes).toString("base64");
    const style = weighted([[50, "url"], [30, "std"], [20, "url-nopad"]]);
    if (style !== "std") s = s.replace(/\+/g, "-").replace(/\//g, "_");
    if (style === "url-nopad") s = s.replace(/=+$/, "");
    return s;
}
const UNICODE = ["é", "ü", "ß", "中文", "日本語", "한국어", "Ωμέγα", "😀", "🚀🌕", "\u00a0", "\u2028", "\u200d", "𝔘𝔫𝔦", "a\u0301", "\t", "\n", "\\", '"', "€"];
function body(method) {
    return weighted([
        [10, () => null], // no body: nothing appended
        [8, () => ""],
        [20, () => (orderBodies.length ? pick(orderBodies) : "{}")],
        [20, () => JSON.stringify({ orderID: "0x" + hexBytes(32) })],
        [10, () => JSON.stringify(Array.from({ length: int(1, 5) }, () => "0x" + hexBytes(32)))],
        [12, () => JSON.stringify({ market: "0x" + hexBytes(32), note: Array.from({ length: int(1, 6) }, () => pick(UNICODE)).join("") })],
        [10, () => Array.from({ length: int(1, 40) }, () => pick(UNICODE.concat(["x", "{", "}", " ", "0"]))).join("")],
        [10, () => JSON.stringify({ heartbeat_id: method === "POST" ? uuid() : "" })],
    ])();
}
const PATHS = ["/order", "/orders", "/data/orders", "/data/trades", "/cancel-all", "/cancel-market-orders", "/auth/api-key", "/auth/api-keys", "/balance-allowance", "/notifications", "/heartbeats", "/order-scoring", "/orders-scoring"];
for (let n = 0; n < AUTH_COUNT; n++) {
    const method = weighted([[35, "GET"], [40, "POST"], [20, "DELETE"], [5, "PUT"]]);
    const path = weighted([
        [70, () => pick(PATHS)],
        [20, () => `/data/order/0x${hexBytes(32)}`],
        [10, () => "/" + Array.from({ length: int(1, 3) }, () => hexBytes(int(1, 6))).join("/")],
    ])();
    const input = {
        address: getAddress(accountFor(privateKey()).address),
        api_key: uuid(),
        secret: secret(),
        passphrase: hexBytes(int(8, 32)),
        timestamp: weighted([[90, () => int(1_600_000_000, 2_000_000_000)], [10, () => pick([0, 1, 4_000_000_000])]])(),
        method,
        path,
        body: body(method),
    };
    const expected = await l2Headers(input);
    assertNoNetwork("l2");
    emit({ kind: "l2", input, expected });
    summary.l2++;
}

assertNoNetwork("end");
summary.network_attempts = networkAttempts.length;
summary.lines = lines.length;
summary.seconds = Number(((performance.now() - t0) / 1000).toFixed(2));
process.stdout.write(lines.join("\n") + "\n");
process.stderr.write(JSON.stringify(summary) + "\n");
