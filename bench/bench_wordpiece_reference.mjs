#!/usr/bin/env node
// The reference implementations' speed on the same headers as bench_wordpiece, for the ratio in
// bench/RESULTS.md. Needs the packages of tests/data/make-wordpiece-golden.mjs in NPM_PREFIX
// (@huggingface/tokenizers 0.2.0, and @anush008/tokenizers 0.6.0: the Rust crate 0.22.2 via napi).
//   node bench/bench_wordpiece_reference.mjs NPM_PREFIX TOKENIZER_JSON DIR MiB
// Files are picked as bench_wordpiece picks them (sorted paths, until MiB is reached), so the
// piece counts printed by both must be equal.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [prefix, tokenizerPath, dir, mib] = process.argv.slice(2);
const require = createRequire(join(prefix, 'package.json'));
const hfModule = await import(require.resolve('@huggingface/tokenizers'));
const hf = hfModule.Tokenizer ? hfModule : hfModule.default;
const rust = require('@anush008/tokenizers');

const json = readFileSync(tokenizerPath, 'utf8');
const js = new hf.Tokenizer(JSON.parse(json), {});
const rs = rust.Tokenizer.fromString(json);
rs.disableTruncation();
rs.disablePadding();

const paths = [];
const walk = (d) => {
    for (const name of readdirSync(d)) {
        const path = join(d, name);
        let st;
        try {
            st = statSync(path);
        } catch {
            continue; // dangling symbolic link
        }
        if (st.isDirectory())
            walk(path);
        else if (/\.(h|hpp)$/.test(name))
            paths.push(path);
    }
};
walk(dir);
paths.sort();
const budget = Number(mib) * 1024 * 1024;
let total = 0;
const texts = [];
for (const path of paths) {
    if (total >= budget)
        break;
    const bytes = readFileSync(path);
    total += bytes.length;
    texts.push(bytes.toString('utf8'));
}

const bestOf3 = async (f) => {
    let best = 1e9;
    for (let run = 0; run < 3; ++run) {
        const start = process.hrtime.bigint();
        await f();
        best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
    }
    return best;
};
let jsPieces = 0;
let rustPieces = 0;
const jsSeconds = await bestOf3(() => {
    jsPieces = 0;
    for (const text of texts)
        jsPieces += js.encode(text, { add_special_tokens: false }).ids.length;
});
const rustSeconds = await bestOf3(async () => {
    rustPieces = 0;
    for (const text of texts)
        rustPieces += (await rs.encode(text, null, { addSpecialTokens: false })).getIds().length;
});
const mibs = total / (1024 * 1024);
console.log(`files ${texts.length}, ${mibs.toFixed(1)} MiB, word pieces: tokenizers.js ${jsPieces}, Rust ${rustPieces}`);
console.log(`tokenizers.js 0.2.0 encode whole files         ${(mibs / jsSeconds).toFixed(1)} MiB/s`);
console.log(`Rust tokenizers 0.22.2 (napi) encode whole files ${(mibs / rustSeconds).toFixed(1)} MiB/s`);
