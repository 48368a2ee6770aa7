// Measures the npm `tiktoken` package (Rust compiled to WASM) counting tokens of the same text
// that bench_tokenizer reads, so bench/RESULTS.md can compare the two on one machine.
//
//   node bench/bench-tiktoken.mjs [FILE_OR_FOLDER] [--repeat N]
//
// FILE_OR_FOLDER defaults to /usr/include; a folder contributes its *.h files (not recursive)
// in byte order of their names, joined as they are, exactly like bench_tokenizer.
// Two modes: the whole text in one call, and chunks the size the indexer sends (whole lines
// up to at least 2048 UTF-16 code units each), which is how Signal Hub counts.
// The tiktoken package comes from $TIKTOKEN_DIR, else from `tools/fetch-assets`.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

function tiktokenDir() {
    if (process.env.TIKTOKEN_DIR)
        return process.env.TIKTOKEN_DIR;
    const prefix = execFileSync(join(repo, 'tools/fetch-assets'), { encoding: 'utf8' }).trim();
    return join(prefix, 'node_modules/tiktoken');
}

function readCorpus(path) {
    if (!statSync(path).isDirectory())
        return readFileSync(path);
    const names = readdirSync(path).filter((n) => n.endsWith('.h')).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    const parts = [];
    for (const name of names) {
        const full = join(path, name);
        if (statSync(full).isFile())
            parts.push(readFileSync(full));
    }
    return Buffer.concat(parts);
}

const args = process.argv.slice(2);
let repeat = 5;
let target = '/usr/include';
for (let i = 0; i < args.length; ++i) {
    if (args[i] === '--repeat')
        repeat = Number(args[++i]);
    else
        target = args[i];
}

const { get_encoding } = createRequire(import.meta.url)(join(tiktokenDir(), 'tiktoken.cjs'));
const bytes = readCorpus(target);
// Decoded the same way Qt does (invalid UTF-8 becomes U+FFFD) so both sides see one text.
const text = new TextDecoder('utf-8').decode(bytes);
const megabytes = Buffer.byteLength(text, 'utf8') / 1e6;
console.log(`corpus ${target}: ${megabytes.toFixed(3)} MB (UTF-8), best of ${repeat}`);

function chunksOf(whole) {
    const chunks = [];
    let start = 0;
    while (start < whole.length) {
        let end = start + 2048;
        if (end >= whole.length) {
            end = whole.length;
        } else {
            const newline = whole.indexOf('\n', end - 1);
            end = newline < 0 ? whole.length : newline + 1;
        }
        chunks.push(whole.slice(start, end));
        start = end;
    }
    return chunks;
}

// Wall time and process CPU time (user + system), best of `repeat` runs each.
function measure(enc, inputs) {
    let best = Infinity;
    let cpu = Infinity;
    let tokens = 0;
    for (let r = 0; r < repeat; ++r) {
        tokens = 0;
        const start = process.hrtime.bigint();
        const cpuStart = process.cpuUsage();
        for (const input of inputs)
            tokens += enc.encode_ordinary(input).length;
        const used = process.cpuUsage(cpuStart);
        cpu = Math.min(cpu, (used.user + used.system) / 1e6);
        best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
    }
    return { tokens, best, cpu };
}

const chunks = chunksOf(text);
console.log(`${chunks.length} chunks`);
for (const name of ['cl100k_base', 'o200k_base']) {
    const enc = get_encoding(name);
    for (const [mode, inputs] of [['whole', [text]], ['chunks', chunks]]) {
        const { tokens, best, cpu } = measure(enc, inputs);
        console.log(`${name} ${mode}: ${tokens} tokens, ${best.toFixed(3)} s, ${(megabytes / best).toFixed(2)} MB/s, ` +
            `cpu ${cpu.toFixed(3)} s, ${(megabytes / cpu).toFixed(2)} MB/s`);
    }
    enc.free();
}
