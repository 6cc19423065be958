// Shared pieces of the local EVM harness: contract artifacts from node_modules, the
// deployment file, viem clients and argument parsing. Every number leaves as a decimal string.
import { readFileSync, writeFileSync, renameSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import {
  createPublicClient,
  createWalletClient,
  defineChain,
  encodePacked,
  getAddress,
  http,
  keccak256,
  parseEventLogs,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

const require = createRequire(import.meta.url);

// Compiled artifacts exactly as the npm packages ship them (truffle or hardhat JSON: abi +
// bytecode).
function artifact(spec) {
  const file = require.resolve(spec);
  const json = JSON.parse(readFileSync(file, "utf8"));
  if (!Array.isArray(json.abi) || typeof json.bytecode !== "string" || json.bytecode.length <= 2) {
    throw new Error(`artifact ${spec} has no deployable bytecode`);
  }
  if (json.bytecode.includes("__")) throw new Error(`artifact ${spec} needs library linking`);
  return { abi: json.abi, bytecode: json.bytecode, compiler: json.compiler?.version ?? "?" };
}

export const CONDITIONAL_TOKENS = artifact(
  "@gnosis.pm/conditional-tokens-contracts/build/contracts/ConditionalTokens.json",
);
// ERC20Mintable from OpenZeppelin 2.3.0 (the version the ConditionalTokens package itself
// depends on): ERC-20 plus mint(address,uint256) for holders of MinterRole (the deployer).
// It has no name/symbol/decimals(); amounts are plain integer units, 6 decimals by convention
// of this harness (like USDC.e / pUSD).
export const COLLATERAL = artifact("openzeppelin-solidity/build/contracts/ERC20Mintable.json");
export const COLLATERAL_DECIMALS = 6;
// Gnosis Safe 1.3.0 (hardhat artifacts of @gnosis.pm/safe-contracts): the singleton every Safe
// proxy delegates to, and the factory that creates 1-of-1 Safes like Polymarket's type-2 wallets.
export const SAFE_SINGLETON = artifact(
  "@gnosis.pm/safe-contracts/build/artifacts/contracts/GnosisSafe.sol/GnosisSafe.json",
);
// The Safe's token callbacks (onERC1155Received...): a Safe without it cannot receive
// outcome tokens.
export const SAFE_FALLBACK_HANDLER = artifact(
  "@gnosis.pm/safe-contracts/build/artifacts/contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json",
);
export const SAFE_PROXY_FACTORY = artifact(
  "@gnosis.pm/safe-contracts/build/artifacts/contracts/proxies/GnosisSafeProxyFactory.sol/GnosisSafeProxyFactory.json",
);

export const ZERO_BYTES32 = `0x${"00".repeat(32)}`;

export function packageVersion(name) {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")).version;
}

// ---------------------------------------------------------------------------------------------
// Output / errors

export class UsageError extends Error {}

export function jsonLine(value) {
  return JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
}

export function print(value) {
  process.stdout.write(`${jsonLine(value)}\n`);
}

export function log(...parts) {
  process.stderr.write(`${parts.join(" ")}\n`);
}

// Runs main() and turns any failure into one clear line on stderr and a non-zero exit.
export async function runMain(name, main) {
  try {
    await main();
  } catch (err) {
    log(`${name}: error: ${describe(err)}`);
    if (process.env.EVM_DEBUG && err?.stack) log(err.stack);
    process.exit(err instanceof UsageError ? 2 : 1);
  }
}

// One line for an error; for a viem RPC error, the node's own message (e.g. ganache's
// "VM Exception while processing transaction: revert <reason>") rather than viem's summary.
export function describe(err) {
  if (typeof err?.walk === "function") {
    let details;
    let url;
    err.walk((e) => {
      if (typeof e?.details === "string" && e.details) details = e.details;
      if (e?.name === "HttpRequestError") url = e.url;
      return false;
    });
    if (url) return `cannot reach the node at ${url} (${details ?? err.shortMessage}): is 'evm.mjs up' running?`;
    if (details) return `${err.context ? `${err.context}: ` : ""}${details}`;
    if (err.shortMessage) return `${err.context ? `${err.context}: ` : ""}${err.shortMessage}`;
  }
  return err?.message ?? String(err);
}

// ---------------------------------------------------------------------------------------------
// Arguments: --name value pairs after a subcommand. Flags listed in `booleans` take no value.

export function parseArgs(argv, known, booleans = []) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) throw new UsageError(`unexpected argument '${a}'`);
    const key = a.slice(2);
    if (!known.includes(key) && !booleans.includes(key)) {
      throw new UsageError(`unknown option '${a}' (known: ${[...known, ...booleans].map((k) => `--${k}`).join(" ")})`);
    }
    if (booleans.includes(key)) {
      out[key] = true;
      continue;
    }
    if (i + 1 >= argv.length) throw new UsageError(`option '${a}' needs a value`);
    out[key] = argv[++i];
  }
  return out;
}

export function need(args, key) {
  if (args[key] === undefined) throw new UsageError(`missing --${key}`);
  return args[key];
}

export function parseUint(text, what) {
  if (!/^(0|[1-9][0-9]*)$/.test(String(text))) throw new UsageError(`${what} must be a decimal integer, got '${text}'`);
  return BigInt(text);
}

export function parseBytes32(text, what) {
  if (!/^0x[0-9a-fA-F]{64}$/.test(String(text))) throw new UsageError(`${what} must be 0x followed by 64 hex digits, got '${text}'`);
  return text.toLowerCase();
}

export function parseAddress(text, what) {
  if (!/^0x[0-9a-fA-F]{40}$/.test(String(text))) throw new UsageError(`${what} must be an address (0x + 40 hex digits), got '${text}'`);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Deployment file (DIR/deployment.json), written atomically so a poller never sees half a file.

export function deploymentPath(dir) {
  return path.join(dir, "deployment.json");
}

export function writeDeployment(dir, deployment) {
  const file = deploymentPath(dir);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, `${jsonLine(deployment)}\n`);
  renameSync(tmp, file);
}

export function readDeployment(dir) {
  const file = deploymentPath(dir);
  if (!existsSync(file)) throw new Error(`${file} not found: is 'evm.mjs up --state ${dir}' running?`);
  return JSON.parse(readFileSync(file, "utf8"));
}

// ---------------------------------------------------------------------------------------------
// Clients

export function localChain(chainId, rpcUrl) {
  return defineChain({
    id: chainId,
    name: `local-${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

// transport: a viem transport; defaults to HTTP to deployment.rpc_url.
export function clients(deployment, transport) {
  const chain = localChain(deployment.chain_id, deployment.rpc_url);
  const t = transport ?? http(deployment.rpc_url, { retryCount: 0, timeout: 30_000 });
  const publicClient = createPublicClient({ chain, transport: t, pollingInterval: 50 });
  const walletFor = (privateKey) =>
    createWalletClient({ chain, transport: t, account: privateKeyToAccount(privateKey), pollingInterval: 50 });
  return { chain, publicClient, walletFor };
}

export function walletByIndex(deployment, index) {
  const n = Number(parseUint(index, "--wallet"));
  const w = deployment.wallets[n];
  if (!w) throw new UsageError(`--wallet ${index}: there are ${deployment.wallets.length} wallets (0..${deployment.wallets.length - 1})`);
  return w;
}

// Sends a contract call as a transaction from `wallet` and waits for its receipt; a revert
// (seen by viem's gas estimation or in the receipt) is an error.
export async function send(publicClient, wallet, request) {
  let hash;
  try {
    // eth_call first: a revert shows there with its reason, before anything is sent.
    await publicClient.simulateContract({ ...request, account: wallet.account });
    hash = await wallet.writeContract(request);
  } catch (err) {
    err.context = `${request.functionName} from ${wallet.account.address}`;
    throw err;
  }
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 30_000 });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} (${request.functionName}) reverted`);
  return receipt;
}

export async function deployContract(publicClient, wallet, art, args = []) {
  const hash = await wallet.deployContract({ abi: art.abi, bytecode: art.bytecode, args });
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50, timeout: 30_000 });
  if (receipt.status !== "success" || !receipt.contractAddress) throw new Error(`deployment ${hash} failed`);
  return { ...receipt, contractAddress: getAddress(receipt.contractAddress) };
}

// ---------------------------------------------------------------------------------------------
// ConditionalTokens helpers (CTHelpers.getConditionId: keccak256(abi.encodePacked(oracle,
// questionId, outcomeSlotCount))).

export function conditionIdOf(oracle, questionId, outcomeSlotCount) {
  return keccak256(encodePacked(["address", "bytes32", "uint256"], [oracle, questionId, BigInt(outcomeSlotCount)]));
}

export async function readCtf(publicClient, deployment, functionName, args) {
  return publicClient.readContract({
    address: deployment.conditional_tokens,
    abi: CONDITIONAL_TOKENS.abi,
    functionName,
    args,
  });
}

export async function collateralBalance(publicClient, deployment, holder) {
  return publicClient.readContract({
    address: deployment.collateral,
    abi: COLLATERAL.abi,
    functionName: "balanceOf",
    args: [holder],
  });
}

// Position ids (parent collection 0) and the holder's ERC-1155 balances for every
// single-outcome index set 1, 2, 4, ... of the condition, derived by the contract itself.
export async function positions(publicClient, deployment, holder, conditionId) {
  const slots = await readCtf(publicClient, deployment, "getOutcomeSlotCount", [conditionId]);
  if (slots === 0n) throw new Error(`condition ${conditionId} is not prepared`);
  const indexSets = [];
  for (let i = 0n; i < slots; i++) indexSets.push(1n << i);
  const collectionIds = [];
  const positionIds = [];
  for (const indexSet of indexSets) {
    const collectionId = await readCtf(publicClient, deployment, "getCollectionId", [ZERO_BYTES32, conditionId, indexSet]);
    const positionId = await readCtf(publicClient, deployment, "getPositionId", [deployment.collateral, collectionId]);
    collectionIds.push(collectionId);
    positionIds.push(positionId);
  }
  const balances = await readCtf(publicClient, deployment, "balanceOfBatch", [positionIds.map(() => holder), positionIds]);
  return { outcomeSlotCount: slots, indexSets, collectionIds, positionIds, balances };
}

export function eventsOf(receipt, abi, eventName) {
  return parseEventLogs({ abi, logs: receipt.logs, eventName });
}
