// Harness around Polymarket's official TypeScript clients.
//
// Every function here drives the clients' own public code paths
// (ClobClient.createOrder / createMarketOrder / postOrder, createL1Headers,
// createL2Headers) and only removes their two sources of non-determinism and
// their network access:
//
//   * salt  = Math.round(Math.random() * Date.now())   (order-utils generateOrderSalt)
//   * V2/V3 timestamp = Date.now()                      (buildOrderCreationArgs)
//     -> Math.random and Date.now are replaced for the duration of one call by
//        constants derived from input.salt / input.timestamp_ms, then restored.
//   * tick size / neg-risk / fee rate / fee info / builder fee / version come
//     from the server -> the clients' own caches are filled before the call.
//   * postOrder hands the payload to ClobClient.post -> the instance's
//     get/post/del are replaced by a stub that records what would have been
//     sent (so the body is exactly what the client would put on the wire).
//   * The viem wallet client uses a `custom` transport that refuses every RPC
//     (signing with a local account needs none).
//
// Any attempted network use (client get/post/del other than the captured
// POST /order, the wallet transport, fetch, or a raw socket connect) is
// counted in networkAttempts and raised as NetworkAttempt, which callers must
// treat as fatal (it is never turned into an "order_rejected" case).

import net from "node:net";
import { ClobClient as ClobClientV2, createL1Headers, createL2Headers } from "@polymarket/clob-client-v2";
import { ClobClient as ClobClientV1 } from "@polymarket/clob-client";
import { createWalletClient, custom } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export const HOST = "http://127.0.0.1:9"; // never contacted: every request path is stubbed
export const CHAIN_ID = 137;
export const BYTES32_ZERO = "0x" + "0".repeat(64);
// The L2 secret used when signing the POST /order headers inside postOrder;
// those headers are not part of the order case, only the body is.
const DUMMY_SECRET = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

export class NetworkAttempt extends Error {}

export const networkAttempts = [];

function refuse(what) {
    networkAttempts.push(what);
    throw new NetworkAttempt(`network attempted: ${what}`);
}

// ---- process-wide guard -------------------------------------------------
let guardInstalled = false;
export function installNetworkGuard() {
    if (guardInstalled) return;
    guardInstalled = true;
    const origConnect = net.Socket.prototype.connect;
    net.Socket.prototype.connect = function (...args) {
        networkAttempts.push(`socket connect ${JSON.stringify(args[0])?.slice(0, 80)}`);
        // fail the socket once its owner (http.ClientRequest, ...) has
        // attached its error handler; nothing is ever sent
        setImmediate(() => this.destroy(new NetworkAttempt("network attempted: socket connect")));
        return this;
    };
    net.Socket.prototype.connect.original = origConnect;
    globalThis.fetch = async (url) => refuse(`fetch ${url}`);
}
installNetworkGuard();

// ---- signers ------------------------------------------------------------
const accountCache = new Map();
export function accountFor(privateKey) {
    let acc = accountCache.get(privateKey);
    if (!acc) {
        acc = privateKeyToAccount(privateKey);
        accountCache.set(privateKey, acc);
    }
    return acc;
}

export function walletFor(privateKey) {
    // The clients' README constructs exactly this (with an http transport);
    // the custom transport proves no JSON-RPC request is ever made.
    return createWalletClient({
        account: accountFor(privateKey),
        transport: custom({ request: async ({ method }) => refuse(`wallet rpc ${method}`) }),
    });
}

// ---- deterministic globals ---------------------------------------------
async function withFixedClock(nowMs, random, fn) {
    const realNow = Date.now;
    const realRandom = Math.random;
    Date.now = () => nowMs;
    Math.random = () => random;
    try {
        return await fn();
    } finally {
        Date.now = realNow;
        Math.random = realRandom;
    }
}

// The clients compute salt = Math.round(Math.random() * Date.now()).
// Given the clock value T, Math.random() = salt / T reproduces `salt` exactly
// for any salt < 2^52 (the relative rounding error of the division and the
// multiplication is far below 0.5 / salt). V1 has no timestamp field, so T is
// a fixed constant there.
const V1_CLOCK_MS = 1765000000000;

function stubTransport(client, capture) {
    client.get = async (endpoint) => refuse(`client GET ${endpoint}`);
    client.del = async (endpoint) => refuse(`client DELETE ${endpoint}`);
    client.post = async (endpoint, options) => {
        if (!endpoint.endsWith("/order")) refuse(`client POST ${endpoint}`);
        capture.endpoint = endpoint;
        capture.headers = options?.headers;
        capture.data = options?.data;
        return {}; // no orderID / tradeIDs -> no follow-up polling
    };
}

function num(x) {
    return typeof x === "string" ? Number(x) : x;
}

// ---- orders -------------------------------------------------------------
// input: the stdin contract of `polycopy polymarket sign-order`.
// Returns { body } (the exact POST /order body string) or { error } (the
// client's own error message). Throws NetworkAttempt on any network use.
export async function signOrder(input) {
    const pv = input.protocol_version ?? 2;
    if (pv === 1) return signOrderV1(input);
    if (pv === 2 || pv === 3) return signOrderV2(input, pv);
    throw new Error(`unsupported protocol_version ${pv}`);
}

async function runClient(fn) {
    try {
        return await fn();
    } catch (e) {
        if (e instanceof NetworkAttempt) throw e;
        return { error: e?.message ?? String(e) };
    }
}

async function signOrderV2(input, version) {
    const token = input.token_id;
    const capture = {};
    const client = new ClobClientV2({
        host: HOST,
        chain: CHAIN_ID,
        signer: walletFor(input.private_key),
        creds: { key: input.owner, secret: DUMMY_SECRET, passphrase: "crosscheck" },
        signatureType: input.signature_type ?? 0,
        funderAddress: input.funder ?? undefined,
    });
    stubTransport(client, capture);
    // What GET /version, /tick-size, /neg-risk, /clob-markets and
    // /fees/builder-fees would have answered.
    client.cachedVersion = version;
    client.tickSizes[token] = input.tick_size;
    client.negRisk[token] = input.neg_risk;
    client.feeInfos[token] = { rate: 0, exponent: 0 };
    const builder = input.builder ?? BYTES32_ZERO;
    const metadata = input.metadata ?? BYTES32_ZERO;
    if (builder !== BYTES32_ZERO) client.builderFeeRates[builder] = { maker: 0, taker: 0 };

    const T = num(input.timestamp_ms);
    const r = num(input.salt) / T;
    const side = input.side;
    const options = { tickSize: input.tick_size, negRisk: input.neg_risk };
    const result = await runClient(() =>
        withFixedClock(T, r, async () => {
            let order;
            if (input.kind === "market") {
                const userMarketOrder = {
                    tokenID: token,
                    price: input.price,
                    amount: input.size,
                    side,
                    orderType: input.order_type,
                };
                if (metadata !== BYTES32_ZERO) userMarketOrder.metadata = metadata;
                if (builder !== BYTES32_ZERO) userMarketOrder.builderCode = builder;
                order = await client.createMarketOrder(userMarketOrder, options);
            } else {
                const userOrder = {
                    tokenID: token,
                    price: input.price,
                    size: input.size,
                    side,
                    expiration: num(input.expiration ?? 0),
                };
                if (metadata !== BYTES32_ZERO) userOrder.metadata = metadata;
                if (builder !== BYTES32_ZERO) userOrder.builderCode = builder;
                order = await client.createOrder(userOrder, options);
            }
            await client.postOrder(order, input.order_type, !!input.post_only, !!input.defer_exec);
            return { order };
        }),
    );
    if (result.error !== undefined) return result;
    return finish(input, result.order, capture);
}

async function signOrderV1(input) {
    const token = input.token_id;
    const capture = {};
    const client = new ClobClientV1(
        HOST,
        CHAIN_ID,
        walletFor(input.private_key),
        { key: input.owner, secret: DUMMY_SECRET, passphrase: "crosscheck" },
        input.signature_type ?? 0,
        input.funder ?? undefined,
        undefined, // geoBlockToken
        false, // useServerTime
        undefined, // builderConfig
        undefined, // getSigner
        false, // retryOnError
        Number.POSITIVE_INFINITY, // tickSizeTtlMs: the seeded tick size never expires
        false, // throwOnError
    );
    stubTransport(client, capture);
    const fee = num(input.fee_rate_bps ?? 0);
    client.tickSizes[token] = input.tick_size;
    client.tickSizeTimestamps[token] = V1_CLOCK_MS;
    client.negRisk[token] = input.neg_risk;
    client.feeRates[token] = fee; // GET /fee-rate base_fee
    const r = num(input.salt) / V1_CLOCK_MS;
    const options = { tickSize: input.tick_size, negRisk: input.neg_risk };
    const nonce = num(input.nonce ?? 0);
    const result = await runClient(() =>
        withFixedClock(V1_CLOCK_MS, r, async () => {
            let order;
            if (input.kind === "market") {
                order = await client.createMarketOrder(
                    {
                        tokenID: token,
                        price: input.price,
                        amount: input.size,
                        side: input.side,
                        feeRateBps: fee,
                        nonce,
                        orderType: input.order_type,
                    },
                    options,
                );
            } else {
                order = await client.createOrder(
                    {
                        tokenID: token,
                        price: input.price,
                        size: input.size,
                        side: input.side,
                        feeRateBps: fee,
                        nonce,
                        expiration: num(input.expiration ?? 0),
                    },
                    options,
                );
            }
            // clob-client 5.x: postOrder(order, orderType, deferExec, postOnly)
            await client.postOrder(order, input.order_type, !!input.defer_exec, !!input.post_only);
            return { order };
        }),
    );
    if (result.error !== undefined) return result;
    return finish(input, result.order, capture);
}

function finish(input, order, capture) {
    if (capture.data === undefined) throw new Error("postOrder did not reach ClobClient.post");
    if (String(order.salt) !== String(input.salt)) {
        throw new Error(`salt reproduction failed: wanted ${input.salt}, client made ${order.salt}`);
    }
    if ((input.protocol_version ?? 2) !== 1 && order.timestamp !== String(input.timestamp_ms)) {
        throw new Error(`timestamp reproduction failed: wanted ${input.timestamp_ms}, client made ${order.timestamp}`);
    }
    // axios serialises `data` with JSON.stringify; the client signs the same
    // string in its L2 headers (l2HeaderArgs.body = JSON.stringify(orderPayload)).
    return { body: JSON.stringify(capture.data), order, headers: capture.headers };
}

// ---- auth headers -------------------------------------------------------
export async function l1Headers(input) {
    return createL1Headers(walletFor(input.private_key), input.chain_id ?? CHAIN_ID, input.nonce, input.timestamp);
}

// createL2Headers only uses the signer for POLY_ADDRESS; a signer object that
// answers getAddress/account with input.address is what the client sees.
export async function l2Headers(input) {
    const signer = {
        account: { address: input.address },
        signTypedData: async () => refuse("l2 signer used for signing"),
    };
    const args = { method: input.method, requestPath: input.path };
    if (input.body !== null && input.body !== undefined) args.body = input.body;
    return createL2Headers(
        signer,
        { key: input.api_key, secret: input.secret, passphrase: input.passphrase },
        args,
        input.timestamp,
    );
}
