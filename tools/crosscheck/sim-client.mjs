// Runs Polymarket's official V2 client against a polycopy simulator, unchanged except for
// its host: derive an API key, read a book, create and post a signed order, list open
// orders, cancel it, take liquidity and read the trade, and check that a tampered signature
// is rejected.
//
//   node sim-client.mjs --host http://127.0.0.1:PORT [--key 0x…64 hex]
//
// stdout: one JSON line per step {"step", "ok", ...}; exit 0 only if every step passed.
import { ClobClient, Side, OrderType } from "@polymarket/clob-client-v2";
import { createWalletClient, custom } from "viem";
import { privateKeyToAccount } from "viem/accounts";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i < 0 ? fallback : args[i + 1];
};
const HOST = arg("host");
const KEY = arg("key", "0x" + "0".repeat(60) + "beef");
if (!HOST) {
    process.stderr.write("usage: node sim-client.mjs --host http://127.0.0.1:PORT\n");
    process.exit(2);
}

let failed = false;
const report = (step, ok, details = {}) => {
    if (!ok) failed = true;
    process.stdout.write(JSON.stringify({ step, ok, ...details }) + "\n");
    if (!ok) throw new Error(`step ${step} failed: ${JSON.stringify(details)}`);
};

// A local account signs; the transport refuses every RPC (none is needed to sign).
const signer = createWalletClient({
    account: privateKeyToAccount(KEY),
    transport: custom({ request: async ({ method }) => { throw new Error(`unexpected rpc ${method}`); } }),
});

async function openMarketToken() {
    const response = await fetch(`${HOST}/gamma/markets?closed=false&limit=50`);
    const markets = await response.json();
    for (const market of markets) {
        if (market.closed || !market.acceptingOrders || market.negRisk) continue;
        const tokens = JSON.parse(market.clobTokenIds);
        return { market, token: tokens[0] };
    }
    throw new Error("no open market in the simulator");
}

async function main() {
    const l1 = new ClobClient({ host: HOST, chain: 137, signer });
    const creds = await l1.createOrDeriveApiKey();
    report("derive_api_key", Boolean(creds.key && creds.secret && creds.passphrase), { key: creds.key });
    const again = await l1.deriveApiKey();
    report("derive_again_same_key", again.key === creds.key);

    const client = new ClobClient({ host: HOST, chain: 137, signer, creds });
    const { market, token } = await openMarketToken();
    const book = await client.getOrderBook(token);
    const bestBid = Number(book.bids.at(-1)?.price);
    const bestAsk = Number(book.asks.at(-1)?.price);
    report("read_book", book.asset_id === token && bestBid > 0 && bestAsk > bestBid, { bestBid, bestAsk });

    const tick = Number(market.orderPriceMinTickSize);
    const restingPrice = Math.round((bestBid - tick) / tick) * tick;
    const posted = await client.createAndPostOrder(
        { tokenID: token, price: Number(restingPrice.toFixed(4)), size: 10, side: Side.BUY },
        { tickSize: String(tick), negRisk: market.negRisk },
        OrderType.GTC,
    );
    report("post_resting_order", posted.success === true && posted.status === "live", {
        orderID: posted.orderID,
        status: posted.status,
        errorMsg: posted.errorMsg,
    });

    const open = await client.getOpenOrders({ market: market.conditionId });
    report("list_open_orders", open.some((o) => o.id === posted.orderID), { count: open.length });

    const cancel = await client.cancelOrder({ orderID: posted.orderID });
    report("cancel_order", cancel.canceled?.includes(posted.orderID), cancel);
    const after = await client.getOpenOrders({ market: market.conditionId });
    report("order_gone_after_cancel", !after.some((o) => o.id === posted.orderID));

    const taken = await client.createAndPostOrder(
        { tokenID: token, price: bestAsk, size: 5, side: Side.BUY },
        { tickSize: String(tick), negRisk: market.negRisk },
        OrderType.FOK,
    );
    report("post_marketable_order", taken.success === true && taken.status === "matched", {
        status: taken.status,
        tradeIDs: taken.tradeIDs,
        errorMsg: taken.errorMsg,
    });
    const trades = await client.getTrades({ market: market.conditionId });
    report("read_trades", trades.some((t) => taken.tradeIDs?.includes(t.id) && t.taker_order_id === taken.orderID), {
        count: trades.length,
    });

    const order = await client.createOrder(
        { tokenID: token, price: Number(restingPrice.toFixed(4)), size: 10, side: Side.BUY },
        { tickSize: String(tick), negRisk: market.negRisk },
    );
    const flipped = order.signature.slice(0, 10) + (order.signature[10] === "a" ? "b" : "a") + order.signature.slice(11);
    let rejection;
    try {
        const res = await client.postOrder({ ...order, signature: flipped }, OrderType.GTC);
        rejection = res?.error ?? res?.errorMsg ?? (res?.success === false ? "refused" : undefined);
    } catch (e) {
        rejection = e.message;
    }
    report("tampered_signature_rejected", Boolean(rejection), { rejection });
}

main().then(
    () => process.exit(failed ? 1 : 0),
    (e) => {
        process.stderr.write(`${e.stack ?? e}\n`);
        process.exit(1);
    },
);
