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

// The same 1.5 KB pieces of lines as bench_wordpiece's chunksOf().
const chunks = [];
for (const text of texts) {
    for (let start = 0; start < text.length;) {
        let end = text.indexOf('\n', start + 1500);
        end = end < 0 ? text.length : end + 1;
        chunks.push(text.slice(start, end));
        start = end;
    }
}

// CPU time of the process (napi's worker thread included), best of three, like bench_wordpiece.
const bestOf3 = async (f) => {
    let best = 1e9;
    for (let run = 0; run < 3; ++run) {
        const start = process.cpuUsage();
        await f();
        const used = process.cpuUsage(start);
        best = Math.min(best, (used.user + used.system) / 1e6);
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
let chunkIds = 0;
const rustChunkSeconds = await bestOf3(async () => {
    chunkIds = 0;
    for (const chunk of chunks)
        chunkIds += (await rs.encode(chunk)).getIds().length;
});
const jsChunkSeconds = await bestOf3(() => {
    for (const chunk of chunks)
        js.encode(chunk);
});
const mibs = total / (1024 * 1024);
console.log(`files ${texts.length}, ${mibs.toFixed(1)} MiB, ${chunks.length} chunks, word pieces: ` +
    `tokenizers.js ${jsPieces}, Rust ${rustPieces}; ${chunkIds} ids encoded`);
const row = (what, seconds) => console.log(`${what.padEnd(44)}${(mibs / seconds).toFixed(2).padStart(8)} MiB/s`);
row('tokenizers.js 0.2.0, whole files', jsSeconds);
row('tokenizers.js 0.2.0, 1.5 KB chunks', jsChunkSeconds);
row('Rust tokenizers 0.22.2 (napi), whole files', rustSeconds);
row('Rust tokenizers 0.22.2 (napi), 1.5 KB chunks', rustChunkSeconds);
