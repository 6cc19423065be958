// Runs the worked examples of protocol-examples.json through the same harness
// that gen-cases.mjs uses and checks that the official clients reproduce them.
//
//   node check-examples.mjs [path/to/protocol-examples.json]
//
// Default path: <repo>/../shared/docs/protocol-examples.json.
// Exit code 0 when everything agrees (see the V1 note below), 1 otherwise.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { l1Headers, l2Headers, networkAttempts, signOrder } from "./lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const file = process.argv[2] ?? resolve(here, "../../../shared/docs/protocol-examples.json");
const ex = JSON.parse(readFileSync(file, "utf8"));

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? "ok  " : "FAIL"} ${name}${detail ? `: ${detail}` : ""}`);
}

for (const o of ex.orders) {
    const res = await signOrder(o.input);
    if (res.error !== undefined) {
        check(o.id, false, `client rejected: ${res.error}`);
        continue;
    }
    const body = JSON.parse(res.body);
    const orderJson = JSON.stringify(body.order);
    check(`${o.id} order object + signature`, orderJson === JSON.stringify(o.expected), orderJson);
    if (o.input.protocol_version === 1) {
        // clob-client 5.8.1 ClobClient.postOrder(order, orderType, deferExec = false,
        // postOnly = false) always passes a boolean postOnly to orderToJson, which then
        // appends "postOnly":<bool> after orderType. The example body has no postOnly
        // key: it is orderToJson(...) called with postOnly undefined, which no
        // ClobClient method does. Compare with that key removed, and report it.
        const { postOnly, ...rest } = body;
        const stripped = JSON.stringify(rest);
        check(`${o.id} body (ignoring the appended "postOnly":${postOnly})`, stripped === o.expected_body, res.body);
        console.log(`note ${o.id}: the 5.8.1 client posts ${res.body.length - o.expected_body.length} more bytes ` +
            `(,"postOnly":${postOnly}) than expected_body`);
    } else {
        check(`${o.id} body`, res.body === o.expected_body, res.body);
    }
}

for (const a of ex.auth) {
    const h1 = await l1Headers(a.l1_input);
    check("l1 headers", JSON.stringify(h1) === JSON.stringify(a.l1_expected), JSON.stringify(h1));
    const h2 = await l2Headers(a.l2_input);
    check("l2 headers", JSON.stringify(h2) === JSON.stringify(a.l2_expected), JSON.stringify(h2));
}

check("no network request attempted", networkAttempts.length === 0, networkAttempts.join("; "));

// The guard itself: an un-stubbed client request must be caught and counted.
{
    const { ClobClient } = await import("@polymarket/clob-client-v2");
    const { HOST } = await import("./lib.mjs");
    const before = networkAttempts.length;
    const res = await new ClobClient({ host: HOST, chain: 137 }).getOk();
    check("network guard catches an un-stubbed request", networkAttempts.length > before && res?.error !== undefined,
        networkAttempts.slice(before).join("; "));
    networkAttempts.length = before;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
