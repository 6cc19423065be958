#!/usr/bin/env node
// Validates an OpenAPI document with @apidevtools/swagger-parser (the official OpenAPI 3.0
// JSON schema plus reference resolution). Prints one JSON line:
// {"ok":true,"openapi":"3.0.3","paths":N,"operations":N} or {"ok":false,"error":"..."}.
import { readFileSync } from "node:fs";
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node validate-openapi.mjs FILE\n");
  process.exit(2);
}
try {
  const document = JSON.parse(readFileSync(file, "utf8"));
  const api = await SwaggerParser.validate(document);
  let operations = 0;
  for (const item of Object.values(api.paths)) {
    operations += Object.keys(item).filter((k) => ["get", "put", "post", "delete", "patch", "head", "options"].includes(k)).length;
  }
  process.stdout.write(`${JSON.stringify({ ok: true, openapi: api.openapi, paths: Object.keys(api.paths).length, operations })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: String(error.message ?? error) })}\n`);
}
